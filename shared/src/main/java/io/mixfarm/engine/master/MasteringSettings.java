package io.mixfarm.engine.master;

import io.mixfarm.engine.dsp.Compressor;
import io.mixfarm.engine.mix.EqBandSettings;

import java.util.List;

/**
 * Everything the mastering chain needs for one song: the pre-limiter processing, the loudness
 * target and ceiling, and the limits on limiting.
 *
 * @param eq               master EQ bands, in order (empty for none): the channel strip's band shapes
 * @param glue             full-band compressor after the EQ; null for none
 * @param multiband        three-band compressor after the glue; null for none
 * @param stereoWidth      mid/side width, 0 (mono) to 2; 1 leaves the image unchanged
 * @param targetLufs       integrated loudness to reach
 * @param ceilingDbtp      true-peak ceiling that the output never exceeds
 * @param maxLimitingDb    most gain reduction the limiter may apply to reach the target
 * @param whenUnreachable  what to do when the target needs more limiting than that
 * @param limiter          limiter time constants and margin below the ceiling
 */
public record MasteringSettings(List<EqBandSettings> eq, Compressor.Settings glue, MultibandSettings multiband,
                                double stereoWidth, double targetLufs, double ceilingDbtp,
                                double maxLimitingDb, UnreachablePolicy whenUnreachable,
                                LimiterSettings limiter) {

    /** Default most limiting to reach a target, dB (as in manifests). */
    public static final double DEFAULT_MAX_LIMITING_DB = 6.0;

    public MasteringSettings {
        eq = List.copyOf(eq);
        if (!(stereoWidth >= 0 && stereoWidth <= 2)) {
            throw new IllegalArgumentException("stereo width must be in [0, 2], was " + stereoWidth);
        }
        if (!(targetLufs >= -70 && targetLufs <= 0)) {
            throw new IllegalArgumentException("target must be in [-70, 0] LUFS, was " + targetLufs);
        }
        if (!(ceilingDbtp >= -20 && ceilingDbtp <= 0)) {
            throw new IllegalArgumentException("ceiling must be in [-20, 0] dBTP, was " + ceilingDbtp);
        }
        if (!(maxLimitingDb >= 0 && maxLimitingDb <= 40)) {
            throw new IllegalArgumentException("max limiting must be in [0, 40] dB, was " + maxLimitingDb);
        }
        if (whenUnreachable == null || limiter == null) {
            throw new IllegalArgumentException("whenUnreachable and limiter are required");
        }
    }

    /** A preset's target and ceiling, no pre-limiter processing, default limits. */
    public static MasteringSettings of(Preset preset) {
        return custom(preset.targetLufs(), preset.ceilingDbtp());
    }

    /** A custom target and ceiling, no pre-limiter processing, default limits. */
    public static MasteringSettings custom(double targetLufs, double ceilingDbtp) {
        return new MasteringSettings(List.of(), null, null, 1.0, targetLufs, ceilingDbtp,
                DEFAULT_MAX_LIMITING_DB, UnreachablePolicy.LIMIT, LimiterSettings.DEFAULT);
    }

    public MasteringSettings withTarget(double newTargetLufs, double newCeilingDbtp) {
        return new MasteringSettings(eq, glue, multiband, stereoWidth, newTargetLufs, newCeilingDbtp,
                maxLimitingDb, whenUnreachable, limiter);
    }

    public MasteringSettings withLimits(double newMaxLimitingDb, UnreachablePolicy policy) {
        return new MasteringSettings(eq, glue, multiband, stereoWidth, targetLufs, ceilingDbtp,
                newMaxLimitingDb, policy, limiter);
    }

    public MasteringSettings withProcessing(List<EqBandSettings> newEq, Compressor.Settings newGlue,
                                            MultibandSettings newMultiband, double newStereoWidth) {
        return new MasteringSettings(newEq, newGlue, newMultiband, newStereoWidth, targetLufs, ceilingDbtp,
                maxLimitingDb, whenUnreachable, limiter);
    }

    public MasteringSettings withLimiter(LimiterSettings newLimiter) {
        return new MasteringSettings(eq, glue, multiband, stereoWidth, targetLufs, ceilingDbtp,
                maxLimitingDb, whenUnreachable, newLimiter);
    }

    /** Whether anything runs before the gain and limiter. */
    public boolean hasPreLimiterProcessing() {
        return !eq.isEmpty() || glue != null || multiband != null || stereoWidth != 1.0;
    }
}
