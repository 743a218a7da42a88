package io.mixfarm.coordinator.state;

import io.mixfarm.contract.SessionRecord;
import io.mixfarm.contract.SongRecord;
import io.mixfarm.contract.AlbumLoudness;
import io.mixfarm.coordinator.planning.AlbumGain;
import io.mixfarm.coordinator.planning.SessionPlan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One session as the state actor holds it: plan, durable record, songs in album order. Confined to the actor. */
final class SessionState {

    final SessionPlan plan;
    SessionRecord record;
    final List<SongState> songs;
    private final Map<String, SongState> byId = new HashMap<>();
    /** The album report is being written; the session ends when it is. */
    boolean finishing;
    /** Raised by every finish, retry and cancel, so a late report completion is recognised as stale. */
    int generation;
    /** A worker has taken one of the session's tasks. */
    boolean workerSeen;
    /** The album gain as computed from the analyses held; null until every song's is. */
    AlbumGain measuredGain;
    /** The album's predicted loudness after mastering at the album gain (for ReplayGain), once computed. */
    AlbumLoudness masteredLoudness;

    SessionState(SessionPlan plan, SessionRecord record, List<SongRecord> songRecords) {
        this.plan = plan;
        this.record = record;
        List<SongState> list = new ArrayList<>();
        for (int i = 0; i < plan.songs().size(); i++) {
            SongState song = new SongState(i, plan.songs().get(i), songRecords.get(i));
            list.add(song);
            byId.put(song.id(), song);
        }
        this.songs = Collections.unmodifiableList(list);
    }

    String id() {
        return plan.sessionId();
    }

    SongState song(String songId) {
        return byId.get(songId);
    }

    SessionCursor position() {
        return new SessionCursor(record.createdAt(), id());
    }

    boolean running() {
        return !record.state().ended();
    }
}
