package io.mixfarm.render;

import io.mixfarm.engine.master.LimiterSettings;
import io.mixfarm.engine.master.MasteringSettings;
import io.mixfarm.engine.master.MultibandSettings;
import io.mixfarm.engine.master.UnreachablePolicy;
import io.mixfarm.manifest.Mastering;
import io.mixfarm.manifest.Multiband;

/**
 * Translates a song's manifest mastering section (album settings with the song's laid over
 * them, validated) into the engine's {@link MasteringSettings}; EQ bands and compressors map as
 * on channel strips ({@link StripMapping}).
 */
public final class MasteringMapping {

    private MasteringMapping() {
    }

    /** The engine settings for {@code mastering}, resolved with the session's sample rate. */
    public static MasteringSettings settings(Mastering mastering, int sessionSampleRate) {
        Mastering m = mastering.resolved(sessionSampleRate);
        UnreachablePolicy policy = switch (m.whenUnreachable()) {
            case LIMIT -> UnreachablePolicy.LIMIT;
            case REPORT -> UnreachablePolicy.REPORT;
            case FORCE -> UnreachablePolicy.FORCE;
        };
        return new MasteringSettings(m.eq().stream().map(StripMapping::band).toList(), StripMapping.compressor(m.glue()),
                multiband(m.multiband()), m.stereoWidth(), m.targetLufs(), m.ceilingDbtp(), m.maxLimitingDb(),
                policy, LimiterSettings.DEFAULT);
    }

    static MultibandSettings multiband(Multiband m) {
        return m == null ? null : new MultibandSettings(m.lowCrossoverHz(), m.highCrossoverHz(),
                StripMapping.compressor(m.low()), StripMapping.compressor(m.mid()), StripMapping.compressor(m.high()));
    }
}
