package io.mixfarm.engine.master;

import io.mixfarm.engine.loudness.GatingBlocks;
import io.mixfarm.engine.loudness.Loudness;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Album mode: one gain for the whole album, so the loudness differences between its songs are
 * kept. Album loudness is the integrated loudness of all songs' gating blocks pooled (ReplayGain
 * 2.0 / libebur128 {@code loudness_global_multiple}); each song still passes its own limiter and
 * ceiling.
 *
 * <p>Phase 1 analyses every song ({@link SongAnalysis}); {@link #albumGainDb} turns the analyses
 * into the one gain, predicting each song's limiting from its analysis, and caps it where any
 * song would need more than {@code maxLimitingDb}. Phase 2 masters every song with that gain
 * ({@link SongMastering#masterWithGain}); the songs are independent, so a farm runs them as
 * separate tasks. {@link #master} runs both phases locally and, when the pooled output misses
 * the target by more than {@value SongMastering#RENDER_TOLERANCE_LU} LU (heavy limiting the
 * prediction missed), corrects the gain and renders the album again, at most
 * {@value #MAX_ROUNDS} rounds.
 */
public final class AlbumMastering {

    /** Most rounds of rendering every song. */
    public static final int MAX_ROUNDS = 3;

    /** One song of the album: its audio, its settings (the album's target), where its master goes. */
    public record Song(StereoSource source, MasteringSettings settings, MasterOutput output) {
    }

    /**
     * The album gain decided from the analyses.
     *
     * @param gainDb      gain for every song
     * @param reachable   whether the gain reaches the target
     * @param beyondLimit whether some song needs more than its limiting allowance for it (only with
     *                    {@link UnreachablePolicy#FORCE}; otherwise the gain is capped instead)
     */
    public record Decision(double gainDb, boolean reachable, boolean beyondLimit) {
    }

    private final MasteringSettings album;

    /** {@code album} gives the target, ceiling and limits shared by every song. */
    public AlbumMastering(MasteringSettings album) {
        this.album = album;
    }

    /** Phase 1 for one song. */
    public SongAnalysis analyze(Song song) throws IOException {
        return SongAnalysis.analyze(song.source(), song.settings());
    }

    /**
     * The one gain: pooled predicted loudness after each song's limiter plus {@code correction}
     * on target, capped by the song with the least limiting allowance.
     */
    public Decision albumGainDb(List<SongAnalysis> analyses, double correction) {
        double aim = album.ceilingDbtp() - album.limiter().marginDb();
        double preAlbum = Loudness.albumIntegratedLufs(analyses.stream().map(SongAnalysis::preBlocks).toList());
        if (preAlbum == Double.NEGATIVE_INFINITY) {
            return new Decision(0.0, false, false);
        }
        double maxGain = Double.POSITIVE_INFINITY;
        for (SongAnalysis a : analyses) {
            if (a.pre().truePeakDbtp() > Double.NEGATIVE_INFINITY) {
                maxGain = Math.min(maxGain, aim + album.maxLimitingDb() - a.pre().truePeakDbtp());
            }
        }
        List<GainSearch> searches = analyses.stream().map(a -> new GainSearch(a, album.limiter())).toList();
        double linear = album.targetLufs() - preAlbum;
        double gain = GainSearch.solve(g -> predictedAlbumLufs(searches, g, aim) + correction - album.targetLufs(),
                linear, linear + 40);
        if (gain <= maxGain) {
            return new Decision(gain, true, false);
        }
        return album.whenUnreachable() == UnreachablePolicy.FORCE
                ? new Decision(gain, true, true) : new Decision(maxGain, false, false);
    }

    private static double predictedAlbumLufs(List<GainSearch> searches, double gainDb, double aim) {
        List<GatingBlocks> blocks = new ArrayList<>();
        for (GainSearch s : searches) {
            blocks.add(s.predictedBlocks(gainDb, aim));
        }
        return Loudness.albumIntegratedLufs(blocks);
    }

    /** Both phases, locally: analyses, the album gain, every song mastered with it. */
    public AlbumReport master(List<Song> songs) throws IOException {
        if (songs.isEmpty()) {
            throw new IllegalArgumentException("an album needs at least one song");
        }
        List<SongAnalysis> analyses = new ArrayList<>();
        for (Song song : songs) {
            analyses.add(analyze(song));
        }
        double inputAlbum = Loudness.albumIntegratedLufs(analyses.stream().map(SongAnalysis::inputBlocks).toList());
        boolean silent = Loudness.albumIntegratedLufs(analyses.stream().map(SongAnalysis::preBlocks).toList())
                == Double.NEGATIVE_INFINITY;
        double correction = 0;
        List<MasteredSong> mastered = List.of();
        Decision decision = null;
        double outputAlbum = Double.NaN;
        int round = 0;
        while (round < MAX_ROUNDS) {
            decision = albumGainDb(analyses, correction);
            MasteringOutcome outcome = silent ? MasteringOutcome.SILENT : outcomeOf(decision);
            mastered = renderAll(songs, analyses, decision.gainDb(), outcome);
            round++;
            outputAlbum = Loudness.albumIntegratedLufs(mastered.stream().map(MasteredSong::outputBlocks).toList());
            double error = outputAlbum - album.targetLufs();
            if (silent || !decision.reachable() || Math.abs(error) <= SongMastering.RENDER_TOLERANCE_LU) {
                break;
            }
            correction += error; // the prediction's miss; it changes little with the gain
        }
        MasteringOutcome outcome = silent ? MasteringOutcome.SILENT : outcomeOf(decision);
        return new AlbumReport(album.targetLufs(), album.ceilingDbtp(), inputAlbum, outputAlbum, decision.gainDb(),
                outcome, round + 1, mastered.stream().map(MasteredSong::report).toList());
    }

    private MasteringOutcome outcomeOf(Decision decision) {
        if (decision.reachable()) {
            return decision.beyondLimit() ? MasteringOutcome.TARGET_REACHED_BEYOND_LIMIT : MasteringOutcome.TARGET_REACHED;
        }
        return album.whenUnreachable() == UnreachablePolicy.LIMIT
                ? MasteringOutcome.LIMITED_SHORT_OF_TARGET : MasteringOutcome.NOT_DELIVERED;
    }

    private static List<MasteredSong> renderAll(List<Song> songs, List<SongAnalysis> analyses, double gainDb,
                                                MasteringOutcome outcome) throws IOException {
        List<MasteredSong> out = new ArrayList<>();
        for (int i = 0; i < songs.size(); i++) {
            Song song = songs.get(i);
            out.add(new SongMastering(song.settings()).masterWithGain(song.source(), analyses.get(i), gainDb,
                    outcome, song.output()));
        }
        return out;
    }
}
