package io.mixfarm.coordinator.planning;

import io.mixfarm.contract.SongAnalysis;
import io.mixfarm.engine.loudness.GatingBlocks;
import io.mixfarm.engine.loudness.Loudness;
import io.mixfarm.manifest.Mastering;
import io.mixfarm.manifest.Session;
import io.mixfarm.manifest.Song;

import java.util.ArrayList;
import java.util.List;

/**
 * The one gain of an album in album mode, from every song's ANALYZE measurements: the album
 * loudness is the integrated loudness of all songs' 400 ms gating blocks pooled (ReplayGain 2.0,
 * libebur128 {@code loudness_global_multiple}: the relative gate is recomputed over the pool), and
 * the gain moves it to the album target. The gain is capped so that no song's true peak would
 * need more than its {@code maxLimitingDb} of limiting to stay under its ceiling; a capped album
 * is delivered quieter than the target ({@code reachable} false, as the worker's report says).
 *
 * @param albumLufs  the album loudness before the gain; -infinity when every song is silent
 * @param targetLufs the album target
 * @param gainDb     the gain every song gets before its limiter; 0 for a silent album
 * @param reachable  false when the cap (or silence) keeps the album from its target
 * @param limitedBy  the song whose peak capped the gain; null when not capped
 */
public record AlbumGain(double albumLufs, double targetLufs, double gainDb, boolean reachable, String limitedBy) {

    /**
     * The gain for {@code session} from its songs' analyses, in song order.
     *
     * @throws IllegalArgumentException when an analysis is missing or its blocks are malformed
     */
    public static AlbumGain compute(Session session, List<SongAnalysis> analyses) {
        List<Song> songs = session.songs();
        if (analyses.size() != songs.size()) {
            throw new IllegalArgumentException(analyses.size() + " analyses for " + songs.size() + " songs");
        }
        List<GatingBlocks> blocks = new ArrayList<>(analyses.size());
        for (SongAnalysis a : analyses) {
            blocks.add(a.gating().toGatingBlocks());
        }
        double target = session.mastering().resolved(session.sampleRate()).targetLufs();
        double album = Loudness.albumIntegratedLufs(blocks);
        if (album == Double.NEGATIVE_INFINITY) {
            return new AlbumGain(album, target, 0.0, false, null);
        }
        double gain = target - album;
        String limitedBy = null;
        for (int i = 0; i < songs.size(); i++) {
            double peak = analyses.get(i).truePeakDbtp();
            if (!Double.isFinite(peak)) {
                continue; // a silent song needs no limiting at any gain
            }
            Mastering m = session.masteringFor(songs.get(i));
            double cap = m.ceilingDbtp() + m.maxLimitingDb() - peak;
            if (cap < gain) {
                gain = cap;
                limitedBy = songs.get(i).id();
            }
        }
        return new AlbumGain(album, target, gain, limitedBy == null, limitedBy);
    }
}
