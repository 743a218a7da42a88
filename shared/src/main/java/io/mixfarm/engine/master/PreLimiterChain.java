package io.mixfarm.engine.master;

import io.mixfarm.engine.dsp.BiquadCoefficients;
import io.mixfarm.engine.dsp.BiquadFilter;
import io.mixfarm.engine.dsp.Compressor;
import io.mixfarm.engine.dsp.Pan;

/**
 * The mastering processing before gain and limiter, on a stereo stream in place: EQ, glue
 * compressor, three-band compressor, mid/side width. Each stage is skipped when not configured,
 * so an empty chain leaves the audio bit-exact.
 */
final class PreLimiterChain {

    private final MasteringSettings settings;
    private BiquadFilter eq;
    private Compressor glue;
    private MultibandCompressor multiband;

    PreLimiterChain(MasteringSettings settings) {
        this.settings = settings;
    }

    void prepare(int sampleRate, int maxBlock) {
        if (!settings.eq().isEmpty()) {
            BiquadCoefficients[] stages = new BiquadCoefficients[settings.eq().size()];
            for (int i = 0; i < stages.length; i++) {
                stages[i] = settings.eq().get(i).design(sampleRate);
            }
            eq = new BiquadFilter(stages);
            eq.prepare(sampleRate, maxBlock, 2);
        }
        if (settings.glue() != null) {
            glue = new Compressor(settings.glue());
            glue.prepare(sampleRate, maxBlock, 2);
        }
        if (settings.multiband() != null) {
            multiband = new MultibandCompressor(settings.multiband());
            multiband.prepare(sampleRate, maxBlock, 2);
        }
    }

    void reset() {
        if (eq != null) {
            eq.reset();
        }
        if (glue != null) {
            glue.reset();
        }
        if (multiband != null) {
            multiband.reset();
        }
    }

    void process(double[][] stereo, int frames) {
        if (eq != null) {
            eq.process(stereo, frames);
        }
        if (glue != null) {
            glue.process(stereo, frames);
        }
        if (multiband != null) {
            multiband.process(stereo, frames);
        }
        Pan.width(stereo[0], stereo[1], frames, settings.stereoWidth());
    }
}
