package io.mixfarm.coordinator.state;

import io.mixfarm.contract.Priority;

import java.time.Instant;

/**
 * One line of the session list.
 *
 * @param manifestId the manifest's {@code id}; the session id adds a suffix unique to the submission
 */
public record SessionSummary(String sessionId, String manifestId, String title, String artist, SessionStatus state,
                             Priority priority, boolean albumMode, Instant createdAt, Instant updatedAt,
                             SongCounts songs) {

    static SessionSummary of(SessionState s) {
        var session = s.plan.session();
        return new SessionSummary(s.id(), session.id(), session.title(), session.artist(), SessionStatus.of(s),
                s.record.priority(), s.record.albumMode(), s.record.createdAt(), s.record.updatedAt(),
                SongCounts.of(s.songs));
    }
}
