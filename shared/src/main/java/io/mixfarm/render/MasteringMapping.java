package io.mixfarm.render;

import io.mixfarm.engine.dsp.Compressor;
import io.mixfarm.engine.master.EqBand;
import io.mixfarm.engine.master.LimiterSettings;
import io.mixfarm.engine.master.MasteringSettings;
import io.mixfarm.engine.master.MultibandSettings;
import io.mixfarm.engine.master.UnreachablePolicy;
import io.mixfarm.manifest.Mastering;
import io.mixfarm.manifest.Multiband;

/**
 * Translates a song's manifest mastering section (album settings with the song's laid over
 * them, validated) into the engine's {@link MasteringSettings}.
 */
public final class MasteringMapping {

    private MasteringMapping() {
    }

    /** The engine settings for {@code mastering}, resolved with the session's sample rate. */
    public static MasteringSettings settings(Mastering mastering, int sessionSampleRate) {
        Mastering m = mastering.resolved(sessionSampleRate);
        UnreachablePolicy policy = m.whenUnreachable() == Mastering.WhenUnreachable.REPORT
                ? UnreachablePolicy.REPORT : UnreachablePolicy.LIMIT;
        return new MasteringSettings(m.eq().stream().map(MasteringMapping::band).toList(), compressor(m.glue()),
                multiband(m.multiband()), m.stereoWidth(), m.targetLufs(), m.ceilingDbtp(), m.maxLimitingDb(),
                policy, LimiterSettings.DEFAULT);
    }

    static EqBand band(io.mixfarm.manifest.EqBand band) {
        EqBand.Shape shape = switch (band.type()) {
            case BELL -> EqBand.Shape.BELL;
            case LOW_SHELF -> EqBand.Shape.LOW_SHELF;
            case HIGH_SHELF -> EqBand.Shape.HIGH_SHELF;
            case NOTCH -> EqBand.Shape.NOTCH;
        };
        return new EqBand(shape, band.freqHz(), band.gainDb() == null ? 0 : band.gainDb(), band.q());
    }

    static Compressor.Settings compressor(io.mixfarm.manifest.Compressor c) {
        if (c == null) {
            return null;
        }
        Compressor.Detection detection = c.detection() == io.mixfarm.manifest.Compressor.Detection.RMS
                ? Compressor.Detection.RMS : Compressor.Detection.PEAK;
        return new Compressor.Settings(c.thresholdDb(), c.ratio(), c.kneeDb(), c.attackMs(), c.releaseMs(),
                c.makeupDb(), detection);
    }

    static MultibandSettings multiband(Multiband m) {
        return m == null ? null : new MultibandSettings(m.lowCrossoverHz(), m.highCrossoverHz(),
                compressor(m.low()), compressor(m.mid()), compressor(m.high()));
    }
}
