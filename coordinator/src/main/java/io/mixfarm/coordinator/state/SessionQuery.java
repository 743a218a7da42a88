package io.mixfarm.coordinator.state;

import java.util.Optional;
import java.util.Set;

/**
 * A page of the session list.
 *
 * @param states only sessions in these states; empty for all
 * @param limit  most sessions in the page
 * @param after  the page starts after this position; empty for the first page
 */
public record SessionQuery(Set<SessionStatus> states, int limit, Optional<SessionCursor> after) {

    public SessionQuery {
        states = Set.copyOf(states);
        if (limit < 1) {
            throw new IllegalArgumentException("limit is " + limit);
        }
    }
}
