package io.mixfarm.coordinator.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The farm's throughput as the coordinator sees it from the sessions it holds: songs completed
 * and audio rendered over a recent window, and what is running and waiting now.
 *
 * @param windowSeconds  the window the rates are over: the last {@link #WINDOW}, or less when the
 *                       farm started work more recently than that (so early rates are not diluted)
 * @param songsPerMinute songs completed per minute over the window
 * @param realtimeFactor seconds of song audio completed per second of wall time over the window
 * @param slotsBusy      songs a worker is rendering now (one render slot each)
 * @param songsQueued    songs whose task is published but not taken by a worker
 * @param songsWaiting   songs waiting for a phase that cannot start yet
 * @param activeWorkers  workers that reported on a song running now or completed in the window
 * @param sessionsRunning sessions not yet ended
 */
public record FarmStats(Instant at, double windowSeconds, int songsCompletedInWindow, double songsPerMinute,
                        double realtimeFactor, int slotsBusy, int songsQueued, int songsWaiting, int activeWorkers,
                        int sessionsRunning) {

    /** The longest window rates are measured over. */
    public static final Duration WINDOW = Duration.ofMinutes(2);

    static FarmStats of(Collection<SessionState> sessions, Instant now) {
        Instant windowStart = now.minus(WINDOW);
        Instant firstWork = now;
        int completed = 0;
        double audioSeconds = 0;
        int busy = 0;
        int queued = 0;
        int waiting = 0;
        int running = 0;
        Set<String> workers = new HashSet<>();
        for (SessionState s : sessions) {
            boolean recent = s.running() || s.record.updatedAt().isAfter(windowStart);
            if (!recent) {
                continue;
            }
            running += s.running() ? 1 : 0;
            for (SongState song : s.songs) {
                Instant dispatched = song.record.dispatchedAt();
                if (dispatched != null && dispatched.isAfter(windowStart) && dispatched.isBefore(firstWork)) {
                    firstWork = dispatched;
                }
                switch (SongStatus.of(song)) {
                    case RUNNING, RETRYING -> {
                        busy += song.retryScheduled ? 0 : 1;
                        addWorker(workers, song);
                    }
                    case QUEUED -> queued++;
                    case WAITING -> waiting++;
                    case COMPLETED -> {
                        if (song.record.updatedAt().isAfter(windowStart)) {
                            completed++;
                            audioSeconds += song.durationSeconds;
                            addWorker(workers, song);
                        }
                    }
                    default -> {
                        // failed and cancelled songs add nothing to throughput
                    }
                }
            }
        }
        Instant from = firstWork.isAfter(windowStart) ? firstWork : windowStart;
        double window = Math.max(1.0, Duration.between(from, now).toMillis() / 1000.0);
        return new FarmStats(now, window, completed, completed * 60.0 / window, audioSeconds / window, busy, queued,
                waiting, workers.size(), running);
    }

    private static void addWorker(Set<String> workers, SongState song) {
        if (song.workerId != null) {
            workers.add(song.workerId);
        }
    }
}
