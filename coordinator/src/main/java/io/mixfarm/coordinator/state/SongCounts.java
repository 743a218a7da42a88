package io.mixfarm.coordinator.state;

import java.util.List;

/** How many of a session's songs are in each state. */
public record SongCounts(int total, int waiting, int queued, int running, int completed, int failed, int cancelled) {

    static SongCounts of(List<SongState> songs) {
        int waiting = 0;
        int queued = 0;
        int running = 0;
        int completed = 0;
        int failed = 0;
        int cancelled = 0;
        for (SongState song : songs) {
            switch (SongStatus.of(song)) {
                case WAITING -> waiting++;
                case QUEUED -> queued++;
                case RUNNING, RETRYING -> running++;
                case COMPLETED -> completed++;
                case FAILED -> failed++;
                case CANCELLED -> cancelled++;
            }
        }
        return new SongCounts(songs.size(), waiting, queued, running, completed, failed, cancelled);
    }
}
