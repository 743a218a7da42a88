package io.mixfarm.contract;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.time.Instant;
import java.util.List;

/**
 * One song to render, on the render-tasks topic under key {@link #key()}.
 *
 * @param taskId      {@link TaskIds#taskId}: session, song, phase and attempt
 * @param attempt     1 for the first delivery of this phase; the coordinator raises it on a retry
 * @param phase       what to do (album mode: ANALYZE, then MASTER)
 * @param priority    scheduling class of the session
 * @param enqueuedAt  when the coordinator published the task
 * @param spec        the song and every setting needed to render it
 * @param stems       one location per stem of {@code spec.song().stems()}, same order and ids; for a
 *                    song with a {@code source}, exactly one location, id {@value #SOURCE_ID}
 * @param albumGainDb gain to apply before mastering, dB; set for MASTER only
 * @param inputHash   what the song's delivered files depend on ({@link InputHash#song}, album mode
 *                    {@link InputHash#album}); the worker records it in the song's done marker once
 *                    the final phase is written ({@link DoneMarker}); null when unknown (no marker)
 * @param albumLoudness MASTER: the album's predicted loudness after mastering, for the album
 *                    ReplayGain tags; null when unknown (the files then carry track values only)
 */
public record RenderTask(
        int v,
        String taskId,
        String sessionId,
        String songId,
        int attempt,
        Phase phase,
        Priority priority,
        Instant enqueuedAt,
        SongSpec spec,
        List<StemLocation> stems,
        Double albumGainDb,
        String inputHash,
        AlbumLoudness albumLoudness) implements ContractMessage {

    /** The id of the one location a song with a finished source has in {@link #stems()}. */
    public static final String SOURCE_ID = "source";

    @JsonCreator
    public RenderTask {
        Checks.version(v, "RenderTask");
        Checks.text(taskId, "RenderTask.taskId");
        Checks.text(sessionId, "RenderTask.sessionId");
        Checks.text(songId, "RenderTask.songId");
        Checks.positive(attempt, "RenderTask.attempt");
        Checks.required(phase, "RenderTask.phase");
        priority = priority == null ? Priority.NORMAL : priority;
        Checks.required(enqueuedAt, "RenderTask.enqueuedAt");
        Checks.required(spec, "RenderTask.spec");
        stems = List.copyOf(Checks.required(stems, "RenderTask.stems"));
        if ((phase == Phase.MASTER) != (albumGainDb != null)) {
            throw new IllegalArgumentException("RenderTask.albumGainDb is set for MASTER tasks only (phase "
                    + phase + ", albumGainDb " + albumGainDb + ")");
        }
        if (!songId.equals(spec.song().id())) {
            throw new IllegalArgumentException("RenderTask.songId " + songId + " differs from spec.song.id " + spec.song().id());
        }
    }

    /** A task without an input hash. */
    public RenderTask(int v, String taskId, String sessionId, String songId, int attempt, Phase phase,
                      Priority priority, Instant enqueuedAt, SongSpec spec, List<StemLocation> stems,
                      Double albumGainDb) {
        this(v, taskId, sessionId, songId, attempt, phase, priority, enqueuedAt, spec, stems, albumGainDb, null, null);
    }

    /** A new task of the current schema version, with its id derived from what it is. */
    public static RenderTask of(String sessionId, int attempt, Phase phase, Priority priority, Instant enqueuedAt,
                                SongSpec spec, List<StemLocation> stems, Double albumGainDb) {
        return of(sessionId, attempt, phase, priority, enqueuedAt, spec, stems, albumGainDb, null, null);
    }

    /** A new task of the current schema version carrying {@code inputHash} and (MASTER) {@code albumLoudness}. */
    public static RenderTask of(String sessionId, int attempt, Phase phase, Priority priority, Instant enqueuedAt,
                                SongSpec spec, List<StemLocation> stems, Double albumGainDb, String inputHash,
                                AlbumLoudness albumLoudness) {
        String songId = spec.song().id();
        return new RenderTask(SCHEMA_VERSION, TaskIds.taskId(sessionId, songId, phase, attempt), sessionId, songId,
                attempt, phase, priority, enqueuedAt, spec, stems, albumGainDb, inputHash, albumLoudness);
    }

    /** The Kafka key, {@code <sessionId>/<songId>}. */
    public String key() {
        return TaskIds.songKey(sessionId, songId);
    }
}
