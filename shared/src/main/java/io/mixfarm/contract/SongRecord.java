package io.mixfarm.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

import java.time.Instant;
import java.util.List;

/**
 * The coordinator's durable record of one song, on the compacted sessions topic under key
 * {@code <sessionId>/<songId>} (beside its {@link SessionRecord}): the task it last published
 * and, once the song has ended, its outcome. One record per song keeps each update small even
 * for a session of thousands of songs.
 *
 * @param taskId       the task last published for the song ({@link TaskIds#taskId}); null while WAITING
 * @param phase        that task's phase (the phase the song waits for, while WAITING)
 * @param attempt      that task's attempt
 * @param dispatchedAt when it was published; null while WAITING
 * @param updatedAt    when this record was written: task events after it move the song on
 * @param status       the song's state as of {@code updatedAt}
 * @param outputs      what the song produced, when COMPLETED
 * @param error        why it failed, when FAILED
 * @param unchanged    true when the song was COMPLETED without rendering: its done marker showed
 *                     outputs of the same inputs ({@link DoneMarker}); null otherwise
 */
public record SongRecord(
        int v,
        String sessionId,
        String songId,
        String taskId,
        Phase phase,
        int attempt,
        Instant dispatchedAt,
        Instant updatedAt,
        Status status,
        List<Output> outputs,
        String error,
        Boolean unchanged) implements ContractMessage {

    @JsonCreator
    public SongRecord {
        Checks.version(v, "SongRecord");
        Checks.text(sessionId, "SongRecord.sessionId");
        Checks.text(songId, "SongRecord.songId");
        Checks.required(phase, "SongRecord.phase");
        Checks.positive(attempt, "SongRecord.attempt");
        Checks.required(updatedAt, "SongRecord.updatedAt");
        Checks.required(status, "SongRecord.status");
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        unchanged = Boolean.TRUE.equals(unchanged) ? Boolean.TRUE : null;
    }

    /** A record of a song that was rendered (or is yet to be). */
    public SongRecord(int v, String sessionId, String songId, String taskId, Phase phase, int attempt,
                      Instant dispatchedAt, Instant updatedAt, Status status, List<Output> outputs, String error) {
        this(v, sessionId, songId, taskId, phase, attempt, dispatchedAt, updatedAt, status, outputs, error, null);
    }

    /** True when the song completed as unchanged, without rendering. */
    public boolean completedUnchanged() {
        return Boolean.TRUE.equals(unchanged);
    }

    /** The Kafka key, {@code <sessionId>/<songId>}. */
    public String key() {
        return TaskIds.songKey(sessionId, songId);
    }

    /** A song's state. */
    public enum Status {
        /** Not published yet (e.g. MASTER waiting for every song's ANALYZE). */
        WAITING,
        /** Published; not ended. */
        QUEUED,
        /** The final phase completed; outputs are written. */
        COMPLETED,
        /** Failed permanently or ran out of attempts. */
        FAILED,
        /** The session was cancelled before the song ended. */
        CANCELLED,
        /** A state added by a newer coordinator. */
        @JsonEnumDefaultValue UNKNOWN
    }
}
