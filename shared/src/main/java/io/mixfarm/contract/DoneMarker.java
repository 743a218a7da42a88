package io.mixfarm.contract;

import java.time.Instant;

/**
 * A song's done marker, {@code <output>/<song-id>/.mixfarm-done.json} ({@link OutputKeys#doneMarker}):
 * written by the worker after the song's final phase has uploaded every output. A later session whose
 * task for the song has the same {@link RenderTask#inputHash()} finds the outputs already there (each
 * with the size and SHA-256 the marker records) and records the song as unchanged. A render that
 * replaces the outputs leaves the old marker until its own is written: the replaced objects no
 * longer match what the old one records, so it vouches for nothing meanwhile.
 *
 * @param inputHash   the task's input hash the outputs were rendered from
 * @param taskId      the task that wrote them
 * @param completedAt when the marker was written
 * @param albumGainDb the album gain they were mastered with (album mode), else null
 * @param completion  the outputs, song report and measurements, as the task reported them
 */
public record DoneMarker(
        int v,
        String sessionId,
        String songId,
        String inputHash,
        String taskId,
        Instant completedAt,
        Double albumGainDb,
        Completion completion) implements ContractMessage {

    public DoneMarker {
        Checks.version(v, "DoneMarker");
        Checks.text(sessionId, "DoneMarker.sessionId");
        Checks.text(songId, "DoneMarker.songId");
        Checks.text(inputHash, "DoneMarker.inputHash");
        Checks.text(taskId, "DoneMarker.taskId");
        Checks.required(completedAt, "DoneMarker.completedAt");
        Checks.required(completion, "DoneMarker.completion");
    }
}
