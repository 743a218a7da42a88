package io.mixfarm.coordinator.state;

import io.mixfarm.contract.OutputKeys;
import io.mixfarm.contract.Priority;
import io.mixfarm.contract.SessionRecord;
import io.mixfarm.coordinator.planning.AlbumGain;

import java.time.Instant;
import java.util.List;

/**
 * A session in full, as the API shows it.
 *
 * @param album       album-mode loudness: the gain and, while the songs' measurements are held, the
 *                    album loudness it came from; null outside album mode
 * @param albumReport where the album report is, once the session has ended (COMPLETED or FAILED)
 * @param message     why the session failed or was cancelled
 */
public record SessionView(String sessionId, String manifestId, String title, String artist, SessionStatus state,
                          Priority priority, boolean albumMode, AlbumLoudness album, Instant createdAt,
                          Instant updatedAt, String output, String albumReport, String message, SongCounts counts,
                          List<SongView> songs) {

    /**
     * @param gainDb     the one gain of every song; null until every song is analysed
     * @param albumLufs  the pooled loudness before the gain; null when not held
     * @param targetLufs the album target
     * @param reachable  false when a song's limiting allowance capped the gain
     * @param limitedBy  the song that capped it
     */
    public record AlbumLoudness(Double gainDb, Double albumLufs, Double targetLufs, Boolean reachable,
                                String limitedBy) {
    }

    static SessionView of(SessionState s) {
        var session = s.plan.session();
        SessionRecord r = s.record;
        AlbumLoudness album = null;
        if (r.albumMode()) {
            AlbumGain gain = SessionMachine.albumGain(s);
            album = gain == null
                    ? new AlbumLoudness(r.albumGainDb(), null, null, null, null)
                    : new AlbumLoudness(r.albumGainDb(), finite(gain.albumLufs()), gain.targetLufs(), gain.reachable(),
                    gain.limitedBy());
        }
        boolean reported = r.state() == SessionRecord.State.COMPLETED || r.state() == SessionRecord.State.FAILED;
        return new SessionView(s.id(), session.id(), session.title(), session.artist(), SessionStatus.of(s), r.priority(),
                r.albumMode(), album, r.createdAt(), r.updatedAt(), r.outputPrefix(),
                reported ? OutputKeys.albumReport(s.plan.output()).toString() : null, r.message(), SongCounts.of(s.songs),
                s.songs.stream().map(SongView::of).toList());
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
