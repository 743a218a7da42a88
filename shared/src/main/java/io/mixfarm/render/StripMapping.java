package io.mixfarm.render;

import io.mixfarm.engine.dsp.Compressor;
import io.mixfarm.engine.dsp.GainEnvelope;
import io.mixfarm.engine.dsp.Reverb;
import io.mixfarm.engine.dsp.StereoDelay;
import io.mixfarm.engine.mix.BusEffect;
import io.mixfarm.engine.mix.EqBandSettings;
import io.mixfarm.engine.mix.FilterSettings;
import io.mixfarm.engine.mix.SendSettings;
import io.mixfarm.engine.mix.StripSettings;
import io.mixfarm.manifest.AutomationPoint;
import io.mixfarm.manifest.Bus;
import io.mixfarm.manifest.Delay;
import io.mixfarm.manifest.EqBand;
import io.mixfarm.manifest.Filter;
import io.mixfarm.manifest.Send;
import io.mixfarm.manifest.Strip;

import java.util.List;

/**
 * Translates the manifest's processing sections (valid ones: {@link io.mixfarm.manifest.ManifestValidator}
 * has checked every range) into the engine's settings.
 */
final class StripMapping {

    /** Reverb size 0 … 1 maps geometrically onto the FDN's delay scaling 0.25 … 2 (0.5 → 0.71). */
    static final double MIN_REVERB_SCALE = 0.25;
    static final double REVERB_SCALE_RANGE = 8;
    /** Damping 1 makes the reverb time at Nyquist 10 % of the low-frequency reverb time. */
    static final double MAX_DAMPING = 0.9;

    private StripMapping() {
    }

    static StripSettings strip(Strip s) {
        return new StripSettings(s.trimDb(), s.invertPolarity(), filter(s.highPass()), filter(s.lowPass()),
                s.eq().stream().map(StripMapping::band).toList(), compressor(s.compressor()),
                s.pan(), s.balance(), s.width(), fader(s), s.mute(), s.solo());
    }

    static FilterSettings filter(Filter f) {
        return f == null ? null : new FilterSettings(f.freqHz(), f.slope());
    }

    static EqBandSettings band(EqBand band) {
        EqBandSettings.Shape shape = switch (band.type()) {
            case BELL -> EqBandSettings.Shape.BELL;
            case LOW_SHELF -> EqBandSettings.Shape.LOW_SHELF;
            case HIGH_SHELF -> EqBandSettings.Shape.HIGH_SHELF;
            case NOTCH -> EqBandSettings.Shape.NOTCH;
        };
        return new EqBandSettings(shape, band.freqHz(), band.gainDb() == null ? 0 : band.gainDb(), band.q());
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

    /** The static fader, or the automation breakpoints (linear in dB between them). */
    static GainEnvelope fader(Strip s) {
        if (s.automation().isEmpty()) {
            return GainEnvelope.constant(s.faderDb() == null ? 0 : s.faderDb());
        }
        List<GainEnvelope.Point> points = s.automation().stream()
                .map((AutomationPoint p) -> new GainEnvelope.Point(p.timeSeconds(), p.faderDb()))
                .toList();
        return GainEnvelope.of(points);
    }

    static List<SendSettings> sends(List<Send> sends) {
        return sends.stream().map(s -> new SendSettings(s.bus(), s.levelDb(), s.preFader())).toList();
    }

    /** The effect of a reverb or delay bus; null for a group bus. */
    static BusEffect effect(Bus bus) {
        return switch (bus.type()) {
            case GROUP -> null;
            case REVERB -> new BusEffect.ReverbEffect(reverb(bus.reverb() == null
                    ? new io.mixfarm.manifest.Reverb(null, null, null, null) : bus.reverb()));
            case DELAY -> new BusEffect.DelayEffect(delay(bus.delay()));
        };
    }

    static Reverb.Settings reverb(io.mixfarm.manifest.Reverb r) {
        double scale = MIN_REVERB_SCALE * Math.pow(REVERB_SCALE_RANGE, r.size());
        return new Reverb.Settings(r.decaySeconds(), scale, 1 - MAX_DAMPING * r.damping(), r.preDelayMs());
    }

    static StereoDelay.Settings delay(Delay d) {
        return new StereoDelay.Settings(d.delayMs(), d.feedback(), d.highCutHz() == null ? 0 : d.highCutHz(),
                d.pingPong());
    }
}
