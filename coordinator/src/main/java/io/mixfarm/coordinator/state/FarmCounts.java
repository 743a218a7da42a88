package io.mixfarm.coordinator.state;

import io.mixfarm.contract.Priority;
import io.mixfarm.contract.SongRecord;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many sessions the coordinator holds in each state, and how many songs of running sessions
 * have not ended yet, by the session's priority: the coordinator's gauges.
 */
public record FarmCounts(Map<SessionStatus, Long> sessions, Map<Priority, Long> songsPending) {

    public FarmCounts {
        sessions = Map.copyOf(sessions);
        songsPending = Map.copyOf(songsPending);
    }

    /** Counts {@code sessions}; every state and priority is present, zero when none. */
    static FarmCounts of(Collection<SessionState> sessions) {
        Map<SessionStatus, Long> byState = new EnumMap<>(SessionStatus.class);
        Map<Priority, Long> pending = new EnumMap<>(Priority.class);
        for (SessionStatus status : SessionStatus.values()) {
            byState.put(status, 0L);
        }
        for (Priority priority : Priority.values()) {
            pending.put(priority, 0L);
        }
        for (SessionState s : sessions) {
            byState.merge(SessionStatus.of(s), 1L, Long::sum);
            if (s.running()) {
                long open = s.songs.size() - s.count(SongRecord.Status.COMPLETED) - s.count(SongRecord.Status.FAILED)
                        - s.count(SongRecord.Status.CANCELLED);
                pending.merge(s.record.priority(), open, Long::sum);
            }
        }
        return new FarmCounts(byState, pending);
    }
}
