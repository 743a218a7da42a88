package io.mixfarm.engine.mix;

import io.mixfarm.engine.dsp.Reverb;
import io.mixfarm.engine.dsp.StereoDelay;

/** The effect of an effect bus: 100 % wet, stereo in and out. */
public sealed interface BusEffect permits BusEffect.ReverbEffect, BusEffect.DelayEffect {

    /** Level below the input at which an effect's tail counts as over: −120 dB. */
    double TAIL_FLOOR = 1e-6;

    /**
     * Upper bound of how long the effect keeps sounding after its input stops, until its output
     * has fallen {@code 120 dB} below the input.
     */
    double ringOutSeconds();

    /** An FDN reverb: 120 dB is twice the RT60, after the pre-delay and the longest delay line. */
    record ReverbEffect(Reverb.Settings settings) implements BusEffect {
        private static final double DIFFUSERS_SECONDS = 0.035;
        private static final double LONGEST_LINE_SECONDS_PER_SIZE = 0.055;

        @Override
        public double ringOutSeconds() {
            return 2 * settings.decaySeconds() + settings.preDelayMs() / 1000
                    + DIFFUSERS_SECONDS + LONGEST_LINE_SECONDS_PER_SIZE * settings.size();
        }
    }

    /** A feedback delay: echo k arrives at k·D with gain feedback^(k−1). */
    record DelayEffect(StereoDelay.Settings settings) implements BusEffect {
        @Override
        public double ringOutSeconds() {
            double fb = settings.feedback();
            double echoes = fb == 0 ? 1 : 1 + Math.ceil(Math.log(TAIL_FLOOR) / Math.log(fb));
            return echoes * settings.delayMs() / 1000;
        }
    }
}
