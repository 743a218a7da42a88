package io.mixfarm.engine.master;

/**
 * What mastering did to one song: the input and output figures, the gain and limiting applied,
 * whether the target was reached, and the output's short-term loudness curve.
 *
 * @param source                  the input, as named by its reader
 * @param sampleRate              Hz
 * @param durationSeconds         length of input and output
 * @param targetLufs              target integrated loudness
 * @param ceilingDbtp             true-peak ceiling
 * @param input                   the input's figures
 * @param output                  the master's figures (for {@link MasteringOutcome#NOT_DELIVERED}:
 *                                of the render at the largest gain allowed, which was not written)
 * @param gainDb                  gain applied before the limiter
 * @param limiterAimDbtp          the level the limiter held (ceiling − margin, lower if a check forced it)
 * @param limiterMaxReductionDb   largest limiter gain reduction
 * @param limiterMeanReductionDb  mean limiter gain reduction over the song
 * @param maxLimitingDb           most limiting allowed to reach the target
 * @param whenUnreachable         the policy that applied had the target been out of reach
 * @param outcome                 target reached, limited short of it, not delivered, or silent input
 * @param renders                 streaming passes over the song (analysis included)
 * @param shortTermLufs           the output's short-term (3 s) loudness every 0.1 s, the first value
 *                                at 3.0 s (−infinity for silence)
 */
public record SongReport(String source, int sampleRate, double durationSeconds, double targetLufs,
                         double ceilingDbtp, LoudnessFigures input, LoudnessFigures output, double gainDb,
                         double limiterAimDbtp, double limiterMaxReductionDb, double limiterMeanReductionDb,
                         double maxLimitingDb, UnreachablePolicy whenUnreachable, MasteringOutcome outcome,
                         int renders, double[] shortTermLufs) {

    /** Seconds between short-term values. */
    public static final double SHORT_TERM_STEP_SECONDS = 0.1;
    /** Time of the first short-term value (the window is full from then on). */
    public static final double SHORT_TERM_START_SECONDS = 3.0;

    /**
     * This report with another target: for a caller that aimed mastering off its real target to
     * compensate a later step (e.g. sample-rate conversion), to report against the real one.
     */
    public SongReport withTargetLufs(double target) {
        return new SongReport(source, sampleRate, durationSeconds, target, ceilingDbtp, input, output, gainDb,
                limiterAimDbtp, limiterMaxReductionDb, limiterMeanReductionDb, maxLimitingDb, whenUnreachable,
                outcome, renders, shortTermLufs);
    }

    /** Output loudness minus target, LU. */
    public double errorLu() {
        return output.integratedLufs() - targetLufs;
    }
}
