package io.mixfarm.coordinator.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.contract.Output;
import io.mixfarm.contract.Phase;
import io.mixfarm.contract.Progress;
import io.mixfarm.contract.SongAnalysis;

import java.time.Instant;
import java.util.List;

/**
 * A song as the API shows it.
 *
 * @param trackNumber  position in the album, from 1
 * @param phase        the phase of the song's task (the one it waits for, when WAITING)
 * @param attempt      that task's attempt
 * @param workerId     the worker that last reported on it
 * @param lastFailure  the failure a retry is waiting out
 * @param analysis     the ANALYZE measurements (album mode), without block energies
 * @param report       the song report of the final phase, while the coordinator holds it
 * @param unchanged    true when the song completed without rendering: its outputs were already
 *                     written from the same inputs (its done marker said so)
 */
public record SongView(String songId, String title, int trackNumber, SongStatus state, Phase phase, int attempt,
                       String taskId, String workerId, Progress progress, Timings timings, List<Output> outputs,
                       String error, String lastFailure, Measurements analysis, JsonNode report,
                       boolean unchanged) {

    /**
     * When the song's task went out and what the worker said about it.
     *
     * @param dispatchedAt when the coordinator published the task
     * @param acceptedAt   when a worker took it
     * @param startedAt    when a render slot started it
     * @param endedAt      when the worker finished it (completed or failed)
     * @param updatedAt    when the song's record last changed
     */
    public record Timings(Instant dispatchedAt, Instant acceptedAt, Instant startedAt, Instant endedAt,
                          Instant updatedAt) {
    }

    /** Loudness figures of a measurement. */
    public record Measurements(double integratedLufs, double loudnessRangeLu, double truePeakDbtp) {
        static Measurements of(SongAnalysis a) {
            return a == null ? null : new Measurements(a.integratedLufs(), a.loudnessRangeLu(), a.truePeakDbtp());
        }
    }

    static SongView of(SongState song) {
        var r = song.record;
        return new SongView(song.id(), song.song.title(), song.index + 1, SongStatus.of(song), r.phase(), r.attempt(),
                r.taskId(), song.workerId, song.progress,
                new Timings(r.dispatchedAt(), song.acceptedAt, song.startedAt, song.endedAt, r.updatedAt()),
                r.outputs(), r.error(), song.retryScheduled ? song.lastFailure : null, Measurements.of(song.analysis),
                song.reportNode(), r.completedUnchanged());
    }
}
