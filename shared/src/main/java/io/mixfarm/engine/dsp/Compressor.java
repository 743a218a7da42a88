package io.mixfarm.engine.dsp;

/**
 * Feed-forward compressor after Giannoulis, Massberg &amp; Reiss, "Digital Dynamic Range
 * Compressor Design — A Tutorial and Analysis" (JAES 2012): level detection, a static gain
 * computer with a quadratic soft knee, and attack/release smoothing of the gain reduction in the
 * log (dB) domain. All channels are linked: the detector takes the loudest channel and one gain
 * is applied to every channel.
 *
 * <p><b>Detection</b>: over a fixed {@value #DETECTOR_WINDOW_MS} ms sliding window, either the
 * peak (max |x|, a peak-hold) or the RMS (see {@link LevelDetector}). Thresholds are compared
 * against that level in dBFS.
 *
 * <p><b>Time constants</b>: the smoothed gain reduction g follows the static target c with
 * g[n] = α·g[n−1] + (1 − α)·c[n], α = exp(−1 / (τ·fs)), using τ = attack while the reduction is
 * increasing and τ = release while it is recovering. So after a step in the detected level, the
 * gain reduction covers 1 − 1/e (63.2 %) of its change in exactly the attack (or release) time.
 * In peak mode the detector holds a peak for the window length, so release starts when the loud
 * part leaves the window, {@value #DETECTOR_WINDOW_MS} ms after the level drops.
 */
public final class Compressor {

    /** Length of the detector's sliding window. */
    public static final double DETECTOR_WINDOW_MS = 10.0;

    /** How the level is measured. */
    public enum Detection { PEAK, RMS }

    /**
     * Compressor parameters.
     *
     * @param thresholdDb level (dBFS, of the detector) where compression starts (knee centre)
     * @param ratio       input dB change per output dB change above the knee, ≥ 1
     * @param kneeDb      width of the quadratic soft knee in dB, ≥ 0 (0 = hard knee)
     * @param attackMs    attack time constant (see the class comment), &gt; 0
     * @param releaseMs   release time constant, &gt; 0
     * @param makeupDb    gain added after compression
     * @param detection   peak or RMS detection
     */
    public record Settings(double thresholdDb, double ratio, double kneeDb, double attackMs,
                           double releaseMs, double makeupDb, Detection detection) {
        public Settings {
            Decibels.requireFinite(thresholdDb, "thresholdDb");
            Decibels.requireFinite(makeupDb, "makeupDb");
            if (!(ratio >= 1) || Double.isNaN(ratio)) {
                throw new IllegalArgumentException("ratio must be >= 1 (infinite allowed), was " + ratio);
            }
            if (!(kneeDb >= 0) || !Double.isFinite(kneeDb)) {
                throw new IllegalArgumentException("kneeDb must be >= 0, was " + kneeDb);
            }
            if (!(attackMs > 0) || !Double.isFinite(attackMs)) {
                throw new IllegalArgumentException("attackMs must be > 0, was " + attackMs);
            }
            if (!(releaseMs > 0) || !Double.isFinite(releaseMs)) {
                throw new IllegalArgumentException("releaseMs must be > 0, was " + releaseMs);
            }
            if (detection == null) {
                throw new IllegalArgumentException("detection is required");
            }
        }
    }

    private Settings settings;
    private double sampleRate;
    private double attackCoef;
    private double releaseCoef;
    private double smoothedReductionDb;
    private double kneeStartMeasure;
    private LevelDetector detector;
    private double[] levels = new double[0];
    private int channels;

    public Compressor(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Changes the parameters; smoothing state is kept. If the detection mode changes, call
     * {@link #prepare} again before processing.
     */
    public void setSettings(Settings newSettings) {
        Detection previous = settings.detection();
        this.settings = newSettings;
        if (sampleRate > 0) {
            updateCoefficients();
            if (previous != newSettings.detection()) {
                detector = null;
            }
        }
    }

    public void prepare(double sampleRate, int maxBlock, int channels) {
        Decibels.requirePrepareArgs(sampleRate, maxBlock, channels);
        this.sampleRate = sampleRate;
        this.channels = channels;
        int window = Math.max(1, (int) Math.round(DETECTOR_WINDOW_MS * sampleRate / 1000.0));
        this.detector = new LevelDetector(settings.detection(), window, channels);
        this.levels = new double[Math.min(maxBlock, 4096)];
        updateCoefficients();
        reset();
    }

    public void reset() {
        smoothedReductionDb = 0;
        if (detector != null) {
            detector.reset();
        }
    }

    private void updateCoefficients() {
        attackCoef = Math.exp(-1000.0 / (settings.attackMs() * sampleRate));
        releaseCoef = Math.exp(-1000.0 / (settings.releaseMs() * sampleRate));
        // Below the knee's start the gain computer returns 0 dB: decide that on the linear
        // measure, so quiet passages cost no logarithm.
        double kneeStartDb = settings.thresholdDb() - settings.kneeDb() / 2;
        boolean power = settings.detection() == Detection.RMS;
        kneeStartMeasure = Math.pow(10, kneeStartDb / (power ? 10 : 20));
    }

    /**
     * Compresses {@code frames} samples of every prepared channel in place. The level and gain
     * conversions use {@link FastDecibels} (within 1e-6 dB of the exact ones), and the gain is
     * recomputed only when the smoothed reduction moves.
     */
    public void process(double[][] buffer, int frames) {
        if (detector == null) {
            return; // not prepared for the current detection mode: leave audio untouched
        }
        for (int done = 0; done < frames; done += levels.length) {
            processChunk(buffer, done, Math.min(levels.length, frames - done));
        }
    }

    private void processChunk(double[][] buffer, int offset, int frames) {
        detector.measure(buffer, offset, frames, levels);
        double g = smoothedReductionDb;
        double makeup = settings.makeupDb();
        double dbPerMeasureDb = detector.measuresPower() ? 0.5 : 1.0;
        double lastMeasure = -1;
        double target = 0;
        double attackPull = 0;
        double releasePull = 0;
        double appliedDb = Double.NaN;
        double gain = 1;
        for (int i = 0; i < frames; i++) {
            double measure = levels[i];
            if (measure != lastMeasure) {
                // A held peak repeats for many samples: recompute the target only when it moves.
                target = measure <= kneeStartMeasure ? 0
                        : gainReductionDb(dbPerMeasureDb * FastDecibels.fromGain(measure));
                attackPull = (1 - attackCoef) * target;
                releasePull = (1 - releaseCoef) * target;
                lastMeasure = measure;
            }
            // Both candidates are computed and one is selected, so the loop-carried chain is one
            // multiply-add and a select rather than a branch on g.
            double attacking = attackCoef * g + attackPull;
            double releasing = releaseCoef * g + releasePull;
            g = target < g ? attacking : releasing;
            double db = g + makeup;
            if (db != appliedDb) {
                gain = FastDecibels.toGain(db);
                appliedDb = db;
            }
            levels[i] = gain;
        }
        for (int ch = 0; ch < channels; ch++) {
            double[] x = buffer[ch];
            for (int i = 0; i < frames; i++) {
                x[offset + i] *= levels[i];
            }
        }
        smoothedReductionDb = Decibels.snap(g);
    }

    /** The current smoothed gain reduction in dB (≤ 0, makeup excluded). */
    public double gainReductionDb() {
        return smoothedReductionDb;
    }

    /** Steady-state output level in dB for a steady detected input level, makeup included. */
    public double staticCurveDb(double inputDb) {
        return inputDb + gainReductionDb(inputDb) + settings.makeupDb();
    }

    /** The gain computer: static gain change (≤ 0 dB) for a detected level. */
    private double gainReductionDb(double x) {
        double t = settings.thresholdDb();
        double w = settings.kneeDb();
        double slope = 1.0 / settings.ratio() - 1.0;
        double over = x - t;
        if (2 * over <= -w) {
            return 0;
        }
        if (2 * over < w) {
            double k = over + w / 2;
            return slope * k * k / (2 * w);
        }
        return slope * over;
    }
}
