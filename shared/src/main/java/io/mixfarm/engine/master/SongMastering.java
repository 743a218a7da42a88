package io.mixfarm.engine.master;

import io.mixfarm.engine.loudness.GatingBlocks;

import java.io.IOException;

/**
 * Masters one stereo song to a loudness target under a true-peak ceiling, streaming (memory does
 * not grow with length apart from about 8 kB per second of analysis summary).
 *
 * <p>Pass 1 ({@link SongAnalysis}) runs the pre-limiter chain and measures it. The gain follows:
 * target − measured loudness when the limiter will not act (exact), otherwise the gain whose
 * loudness after limiting {@link GainSearch} predicts to be on target. Each render then runs
 * chain → gain → limiter, measures the output with a BS.1770 meter and writes it; while the
 * output is more than {@value #RENDER_TOLERANCE_LU} LU from the target, the measured error
 * corrects the prediction and the song is rendered again, at most {@value #MAX_RENDERS} times
 * (the closest render is kept). Typically one render suffices, two when the limiter works hard.
 *
 * <p>Ceiling check: if the meter finds the output's true peak above ceiling − margin (plus
 * 0.01 dB, never above the ceiling itself), the limiter's aim is lowered by the excess and the song
 * is rendered again; there is no clipper.
 *
 * <p>Limits on limiting: the gain never exceeds the level at which the limiter would reduce the
 * pre-limiter true peak by more than {@code maxLimitingDb}. A target beyond that is "not
 * reachable within limits": with {@link UnreachablePolicy#LIMIT} the song is delivered at that
 * largest gain, with {@link UnreachablePolicy#REPORT} it is only measured there and not delivered
 * (a writer may have been opened for a render made before that was known; callers discard what
 * was written when the outcome is {@link MasteringOutcome#NOT_DELIVERED}).
 */
public final class SongMastering {

    /** Renders closer than this to the target are accepted (independent meters agree to ~0.02 LU). */
    public static final double RENDER_TOLERANCE_LU = 0.05;
    /** Most renders for one song (analysis not counted). */
    public static final int MAX_RENDERS = 6;
    /** Highest gain ever considered above the linear gain, dB. */
    private static final double MAX_EXTRA_GAIN_DB = 40;
    /** Room left for the limiter's gain modulation between its aim and the checked level, dB. */
    private static final double CHECK_SLACK_DB = 0.01;

    private final MasteringSettings settings;

    public SongMastering(MasteringSettings settings) {
        this.settings = settings;
    }

    /** Analyses and masters {@code source}; {@code output} null only measures. */
    public MasteredSong master(StereoSource source, MasterOutput output) throws IOException {
        return master(source, SongAnalysis.analyze(source, settings), output);
    }

    /** Masters {@code source} to its own target after its analysis (pass 1). */
    public MasteredSong master(StereoSource source, SongAnalysis analysis, MasterOutput output) throws IOException {
        Session session = new Session(source, analysis, output);
        double preLufs = analysis.pre().integratedLufs();
        if (preLufs == Double.NEGATIVE_INFINITY) {
            return session.fixedGain(0.0, MasteringOutcome.SILENT);
        }
        GainSearch search = new GainSearch(analysis, settings.limiter());
        double linear = settings.targetLufs() - preLufs;
        double maxGain = session.maxGainDb();
        double correction = 0;
        double gain = search.solve(settings.targetLufs(), correction, session.aim, linear, linear + MAX_EXTRA_GAIN_DB);
        boolean force = settings.whenUnreachable() == UnreachablePolicy.FORCE;
        boolean reachable = force || gain <= maxGain;
        for (int attempt = 0; attempt < MAX_RENDERS; attempt++) {
            if (!reachable) {
                return session.fixedGain(maxGain, settings.whenUnreachable() == UnreachablePolicy.LIMIT
                        ? MasteringOutcome.LIMITED_SHORT_OF_TARGET : MasteringOutcome.NOT_DELIVERED);
            }
            MasterRender.Result result = session.render(gain, true);
            if (result == null) { // over the ceiling: the aim was lowered, which costs loudness
                gain = search.solve(settings.targetLufs(), correction, session.aim, linear, linear + MAX_EXTRA_GAIN_DB);
                reachable = force || gain <= maxGain;
                continue;
            }
            double measured = result.output().integratedLufs();
            if (Math.abs(measured - settings.targetLufs()) <= RENDER_TOLERANCE_LU) {
                return session.report(gain > maxGain
                        ? MasteringOutcome.TARGET_REACHED_BEYOND_LIMIT : MasteringOutcome.TARGET_REACHED);
            }
            correction = measured - search.predictedLufs(gain, session.aim);
            gain = search.solve(settings.targetLufs(), correction, session.aim, linear, linear + MAX_EXTRA_GAIN_DB);
            reachable = force || gain <= maxGain;
        }
        return session.bestAttempt();
    }

    /**
     * Masters {@code source} with a gain fixed in advance (album mode: one gain for every song),
     * through the song's own limiter; {@code outcome} is what the album decided.
     */
    public MasteredSong masterWithGain(StereoSource source, SongAnalysis analysis, double gainDb,
                                       MasteringOutcome outcome, MasterOutput output) throws IOException {
        return new Session(source, analysis, output).fixedGain(gainDb, outcome);
    }

    /** The renders of one song, with the best one kept. */
    private final class Session {
        private final StereoSource source;
        private final SongAnalysis analysis;
        private final MasterOutput output;
        private final double checkLimit;
        private final double maxGain;
        private double aim;
        private int renders = 1; // the analysis pass
        private double bestGain = Double.NaN;
        private double bestAim;
        private MasterRender.Result best;
        private boolean bestIsLastWritten;

        Session(StereoSource source, SongAnalysis analysis, MasterOutput output) {
            this.source = source;
            this.analysis = analysis;
            this.output = output;
            this.aim = settings.ceilingDbtp() - settings.limiter().marginDb();
            this.checkLimit = Math.min(aim + CHECK_SLACK_DB, settings.ceilingDbtp());
            this.maxGain = aim + settings.maxLimitingDb() - analysis.pre().truePeakDbtp();
        }

        /** Largest gain whose limiting (of the pre-limiter true peak, to ceiling − margin) stays within maxLimitingDb. */
        double maxGainDb() {
            return maxGain;
        }

        /**
         * Renders at {@code gainDb}; null when the output's true peak failed the check (the aim
         * is then lowered for the next render).
         */
        MasterRender.Result render(double gainDb, boolean write) throws IOException {
            MasterOutput target = write ? output : null;
            MasterRender.Result result = MasterRender.render(source, settings, gainDb, aim, target);
            renders++;
            double peak = result.output().truePeakDbtp();
            if (peak > checkLimit) {
                aim -= peak - (checkLimit - CHECK_SLACK_DB) + CHECK_SLACK_DB;
                bestIsLastWritten &= target == null;
                return null;
            }
            if (best == null || distance(result) < distance(best)) {
                best = result;
                bestGain = gainDb;
                bestAim = aim;
            }
            if (target != null) {
                bestIsLastWritten = best == result;
            }
            return result;
        }

        private double distance(MasterRender.Result r) {
            return Math.abs(r.output().integratedLufs() - settings.targetLufs());
        }

        MasteredSong fixedGain(double gainDb, MasteringOutcome outcome) throws IOException {
            boolean write = outcome.delivered();
            for (int attempt = 0; attempt < MAX_RENDERS; attempt++) {
                MasterRender.Result result = render(gainDb, write);
                if (result != null) {
                    best = result;
                    bestGain = gainDb;
                    bestAim = aim;
                    return report(outcome);
                }
            }
            throw new IllegalStateException(analysis.info().source() + ": true peak still above "
                    + checkLimit + " dBTP after " + MAX_RENDERS + " renders");
        }

        MasteredSong bestAttempt() throws IOException {
            if (best == null) {
                throw new IllegalStateException(analysis.info().source() + ": true peak still above "
                        + checkLimit + " dBTP after " + MAX_RENDERS + " renders");
            }
            if (!bestIsLastWritten && output != null) {
                aim = bestAim;
                MasterRender.render(source, settings, bestGain, aim, output); // deterministic: same audio
                renders++;
            }
            boolean close = distance(best) <= 2 * RENDER_TOLERANCE_LU;
            return report(close ? MasteringOutcome.TARGET_REACHED : MasteringOutcome.TARGET_MISSED);
        }

        MasteredSong report(MasteringOutcome outcome) {
            MasterRender.Result r = best;
            SongReport report = new SongReport(analysis.info().source(), analysis.info().sampleRate(),
                    (double) analysis.frames() / analysis.info().sampleRate(), settings.targetLufs(),
                    settings.ceilingDbtp(), analysis.input(), r.output(), bestGain, bestAim,
                    r.maxReductionDb(), r.meanReductionDb(), settings.maxLimitingDb(),
                    settings.whenUnreachable(), outcome, renders, shortTermLufs(r.shortTerm()));
            return new MasteredSong(report, r.outputBlocks());
        }
    }

    private static double[] shortTermLufs(GatingBlocks shortTerm) {
        double[] lufs = new double[shortTerm.count()];
        for (int i = 0; i < lufs.length; i++) {
            lufs[i] = -0.691 + 10 * Math.log10(shortTerm.energy(i));
        }
        return lufs;
    }
}
