package io.mixfarm.coordinator.state;

import io.mixfarm.contract.SessionRecord;
import io.mixfarm.contract.SongRecord;

import java.util.Map;

/**
 * The sessions topic as read to its end at start: the latest record of every session and song.
 *
 * @param songs   keyed {@code <sessionId>/<songId>}
 * @param skipped records that could not be read (logged)
 */
public record StoredState(Map<String, SessionRecord> sessions, Map<String, SongRecord> songs, int skipped) {
}
