package io.mixfarm.engine.loudness;

/**
 * Optional parts of a {@link LoudnessMeter}.
 *
 * @param truePeak whether to measure true peak (4x/2x oversampling); off saves most of the
 *                 meter's time when only loudness and sample peak are wanted
 */
public record MeterOptions(boolean truePeak) {

    /** Everything on. */
    public static final MeterOptions DEFAULT = new MeterOptions(true);

    /** Loudness and sample peak only. */
    public static MeterOptions withoutTruePeak() {
        return new MeterOptions(false);
    }
}
