package io.mixfarm.coordinator.state;

import java.util.List;

/**
 * One page of sessions, newest first.
 *
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record SessionPage(List<SessionSummary> sessions, String nextCursor) {
}
