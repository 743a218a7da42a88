package io.mixfarm.engine.mix;

import io.mixfarm.engine.dsp.Reverb;
import io.mixfarm.engine.dsp.StereoDelay;

import java.util.Arrays;

/** One bus's place in a render: its input sum, its effect and its strip. */
final class BusLane {

    /** An effect's block processing, in place on a stereo buffer. */
    private interface Effect {
        void process(double[][] buffer, int frames);
    }

    private final double[][] buffer;
    private final double[][] preFader;
    private final Effect effect;
    private final ChannelStrip strip;

    BusLane(BusNode node, int sampleRate, int block) {
        buffer = new double[2][block];
        preFader = node.sends().stream().anyMatch(SendSettings::preFader) ? new double[2][block] : null;
        effect = prepareEffect(node.effect(), sampleRate, block);
        strip = new ChannelStrip(node.strip(), 2);
        strip.prepare(sampleRate, block);
    }

    private static Effect prepareEffect(BusEffect effect, int sampleRate, int block) {
        if (effect instanceof BusEffect.ReverbEffect r) {
            Reverb reverb = new Reverb(r.settings());
            reverb.prepare(sampleRate, block, 2);
            return reverb::process;
        }
        if (effect instanceof BusEffect.DelayEffect d) {
            StereoDelay delay = new StereoDelay(d.settings());
            delay.prepare(sampleRate, block, 2);
            return delay::process;
        }
        return null;
    }

    /** The bus input, to be summed into; cleared by {@link #clear}. */
    double[][] buffer() {
        return buffer;
    }

    double[][] preFader() {
        return preFader;
    }

    void clear(int frames) {
        Arrays.fill(buffer[0], 0, frames, 0.0);
        Arrays.fill(buffer[1], 0, frames, 0.0);
    }

    /** Runs the effect and the strip on the summed input, in place. */
    void process(int frames) {
        if (effect != null) {
            effect.process(buffer, frames);
        }
        strip.process(buffer, frames, preFader);
    }
}
