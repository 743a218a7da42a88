package io.mixfarm.coordinator.planning;

import io.mixfarm.contract.AlbumLoudness;
import io.mixfarm.contract.LimiterLoss;
import io.mixfarm.contract.SongAnalysis;
import io.mixfarm.engine.loudness.GatingBlocks;
import io.mixfarm.engine.loudness.Loudness;
import io.mixfarm.engine.master.MasteringSettings;
import io.mixfarm.manifest.Mastering;
import io.mixfarm.manifest.Session;
import io.mixfarm.manifest.Song;
import io.mixfarm.render.MasteringMapping;

import java.util.ArrayList;
import java.util.List;

/**
 * The one gain of an album in album mode, from every song's ANALYZE measurements: the album
 * loudness is the integrated loudness of all songs' 400 ms gating blocks pooled (ReplayGain 2.0,
 * libebur128 {@code loudness_global_multiple}: the relative gate is recomputed over the pool), and
 * the gain moves it to the album target. Every song then passes its own true-peak limiter, which
 * takes loudness off hot material; the gain is solved so that the pool of every song's blocks,
 * each scaled by its predicted limiter loss at that gain ({@link SongAnalysis#limiterLoss()}),
 * lands on the target — as local album mastering does from the full analyses. A song without a
 * prediction (an older worker) counts as unlimited; with none at all the gain is the plain
 * difference to the target. The gain is capped so that no song's true peak would
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

    /** Bisection width at which the solved gain is final, dB. */
    private static final double SOLVE_RESOLUTION_DB = 1e-6;
    /** The most the limiters are searched to take off, dB beyond the plain gain (as local mastering). */
    private static final double MAX_EXTRA_GAIN_DB = 40;

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
        double gain = afterLimiters(blocks, analyses, target, target - album);
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

    /**
     * The gain whose pooled loudness after every song's predicted limiter loss is {@code target};
     * {@code linear} (the gain before limiting) when no song loses loudness at it. Losses are never
     * positive, so the answer lies above {@code linear}; the pooled loudness rises with the gain.
     */
    private static double afterLimiters(List<GatingBlocks> blocks, List<SongAnalysis> analyses, double target,
                                        double linear) {
        if (analyses.stream().allMatch(a -> a.limiterLoss() == null)
                || predictedAlbumLufs(blocks, analyses, linear) >= target) {
            return linear;
        }
        double low = linear;
        double high = linear + MAX_EXTRA_GAIN_DB;
        if (predictedAlbumLufs(blocks, analyses, high) < target) {
            return high;
        }
        while (high - low > SOLVE_RESOLUTION_DB) {
            double mid = (low + high) / 2;
            if (predictedAlbumLufs(blocks, analyses, mid) < target) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return high;
    }

    /**
     * The album's loudness after mastering at {@code gainDb}, for the album ReplayGain: the pooled
     * loudness after each song's predicted limiter loss, and the highest song true peak after the
     * gain, each held to its limiter's aim (ceiling less margin).
     */
    public static AlbumLoudness masteredLoudness(Session session, List<SongAnalysis> analyses, double gainDb) {
        List<GatingBlocks> blocks = new ArrayList<>(analyses.size());
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < analyses.size(); i++) {
            SongAnalysis a = analyses.get(i);
            blocks.add(a.gating().toGatingBlocks());
            MasteringSettings settings = MasteringMapping.settings(session.masteringFor(session.songs().get(i)),
                    session.sampleRate());
            double aim = settings.ceilingDbtp() - settings.limiter().marginDb();
            peak = Math.max(peak, Math.min(a.truePeakDbtp() + gainDb, aim));
        }
        return new AlbumLoudness(predictedAlbumLufs(blocks, analyses, gainDb), peak);
    }

    /** The pooled loudness after {@code gainDb} and each song's predicted limiter loss at it. */
    static double predictedAlbumLufs(List<GatingBlocks> blocks, List<SongAnalysis> analyses, double gainDb) {
        List<GatingBlocks> scaled = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            LimiterLoss loss = analyses.get(i).limiterLoss();
            double db = gainDb + (loss == null ? 0.0 : loss.at(gainDb));
            double factor = Math.pow(10, db / 10);
            GatingBlocks b = blocks.get(i);
            double[] energies = new double[b.count()];
            for (int k = 0; k < energies.length; k++) {
                energies[k] = b.energy(k) * factor;
            }
            scaled.add(GatingBlocks.of(b.window(), energies, energies.length));
        }
        return Loudness.albumIntegratedLufs(scaled);
    }
}
