package io.mixfarm.coordinator.state;

import io.mixfarm.contract.AlbumLoudness;
import io.mixfarm.contract.Phase;
import io.mixfarm.contract.SessionRecord;
import io.mixfarm.contract.SongAnalysis;
import io.mixfarm.contract.SongRecord;
import io.mixfarm.coordinator.planning.AlbumGain;
import io.mixfarm.coordinator.planning.SessionPlan;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.TreeSet;

/**
 * One session as the state actor holds it: plan, durable record, songs in album order. Confined to the actor.
 *
 * <p>Keeps counts and sets of its songs up to date as their records and analyses change (through
 * {@link #setRecord} and {@link #setAnalysis} only), so what an event makes due is found without
 * looking at every song: a session of 10,000 songs gets some 40,000 events.
 */
final class SessionState {

    final SessionPlan plan;
    SessionRecord record;
    /** In album order; read-only. */
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

    private final int[] byStatus = new int[SongRecord.Status.values().length];
    /** Indices of WAITING songs whose phase may start at any time (not MASTER), in album order. */
    private final TreeSet<Integer> waitingFree = new TreeSet<>();
    /** Indices of WAITING songs whose phase is MASTER (they wait for the album gain), in album order. */
    private final TreeSet<Integer> waitingMaster = new TreeSet<>();
    private int analysed;

    SessionState(SessionPlan plan, SessionRecord record, List<SongRecord> songRecords) {
        this.plan = plan;
        this.record = record;
        SongState[] list = new SongState[plan.songs().size()];
        for (int i = 0; i < list.length; i++) {
            SongState song = new SongState(i, plan.songs().get(i), songRecords.get(i));
            list[i] = song;
            byId.put(song.id(), song);
            track(song, +1);
        }
        this.songs = new CountingSongs(list);
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

    /**
     * How many times a song was taken from {@link #songs} (by index, iteration or stream): tests
     * use it to see that the work per event does not grow with the session.
     */
    long songsVisited() {
        return ((CountingSongs) songs).visits;
    }

    /** Changes a song's record, keeping the counts and sets in step. */
    void setRecord(SongState song, SongRecord r) {
        track(song, -1);
        song.record = r;
        track(song, +1);
    }

    /** Changes a song's ANALYZE measurements, keeping the count of analysed songs in step. */
    void setAnalysis(SongState song, SongAnalysis analysis) {
        analysed += (analysis != null ? 1 : 0) - (song.analysis != null ? 1 : 0);
        song.analysis = analysis;
    }

    /** How many songs have a record with this status. */
    int count(SongRecord.Status status) {
        return byStatus[status.ordinal()];
    }

    /** True when every song has ANALYZE measurements. */
    boolean allAnalysed() {
        return analysed == songs.size();
    }

    /** True when every song is WAITING for MASTER. */
    boolean allWaitingForMaster() {
        return waitingMaster.size() == songs.size();
    }

    /**
     * The first WAITING song in album order whose phase may start: any but MASTER, and MASTER
     * too when {@code masterMayStart}; null when none.
     */
    SongState firstDue(boolean masterMayStart) {
        Integer free = waitingFree.isEmpty() ? null : waitingFree.first();
        Integer master = !masterMayStart || waitingMaster.isEmpty() ? null : waitingMaster.first();
        if (free == null && master == null) {
            return null;
        }
        return songs.get(free == null ? master : master == null ? free : Math.min(free, master));
    }

    private void track(SongState song, int delta) {
        SongRecord r = song.record;
        byStatus[r.status().ordinal()] += delta;
        if (r.status() == SongRecord.Status.WAITING) {
            TreeSet<Integer> set = r.phase() == Phase.MASTER ? waitingMaster : waitingFree;
            if (delta > 0) {
                set.add(song.index);
            } else {
                set.remove(song.index);
            }
        }
    }

    /** The songs, read-only, counting every song taken. */
    private static final class CountingSongs extends AbstractList<SongState> implements RandomAccess {
        private final SongState[] songs;
        private long visits;

        CountingSongs(SongState[] songs) {
            this.songs = songs;
        }

        @Override
        public SongState get(int index) {
            visits++;
            return songs[index];
        }

        @Override
        public int size() {
            return songs.length;
        }
    }
}
