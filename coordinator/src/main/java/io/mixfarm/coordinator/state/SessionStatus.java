package io.mixfarm.coordinator.state;

import io.mixfarm.contract.SessionRecord;

/**
 * A session's state as the API shows it: the stored state, with RUNNING told apart by what the
 * session is doing.
 */
public enum SessionStatus {
    /** Tasks are published; no worker has taken one yet. */
    ACCEPTED,
    /** Album mode, phase 1: songs are being mixed and measured. */
    ANALYZING,
    /** An analyze job: songs are being measured (nothing is mastered or delivered). */
    MEASURING,
    /** Songs are being mixed and mastered (album mode: phase 2, with the album gain). */
    RENDERING,
    COMPLETED,
    FAILED,
    CANCELLED;

    static SessionStatus of(SessionState s) {
        SessionRecord r = s.record;
        return switch (r.state()) {
            case COMPLETED -> COMPLETED;
            case FAILED -> FAILED;
            case CANCELLED -> CANCELLED;
            default -> !s.workerSeen ? ACCEPTED
                    : s.plan.analyzeOnly() ? MEASURING
                    : r.albumMode() && r.albumGainDb() == null ? ANALYZING : RENDERING;
        };
    }
}
