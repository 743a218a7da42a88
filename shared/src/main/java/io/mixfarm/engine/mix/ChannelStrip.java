package io.mixfarm.engine.mix;

import io.mixfarm.engine.dsp.BiquadCoefficients;
import io.mixfarm.engine.dsp.BiquadFilter;
import io.mixfarm.engine.dsp.Compressor;
import io.mixfarm.engine.dsp.Decibels;
import io.mixfarm.engine.dsp.GainRamp;
import io.mixfarm.engine.dsp.Pan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a {@link StripSettings} on a mono or stereo input and produces stereo. Trim, polarity,
 * filters, EQ and the compressor run on the input channels (a mono input is processed once, not
 * twice); then a mono input is panned and a stereo input balanced and widened; the result can be
 * tapped before the fader (for pre-fader sends); then the fader and mute.
 *
 * <p>Stages that are neutral are skipped rather than multiplied by 1, so a neutral strip passes
 * a stereo input through bit-exactly. The strip adds no latency.
 */
public final class ChannelStrip {

    private final StripSettings settings;
    private final int inputChannels;
    private final double inputGain;
    private BiquadFilter filter;
    private Compressor compressor;
    private GainRamp automation;
    private double faderGain = 1;
    private double balanceLeft;
    private double balanceRight;

    /** A strip for a mono ({@code inputChannels} = 1) or stereo (2) input. */
    public ChannelStrip(StripSettings settings, int inputChannels) {
        if (inputChannels != 1 && inputChannels != 2) {
            throw new IllegalArgumentException("a strip takes 1 or 2 input channels, got " + inputChannels);
        }
        this.settings = settings;
        this.inputChannels = inputChannels;
        this.inputGain = (settings.invertPolarity() ? -1 : 1) * Decibels.toGain(settings.trimDb());
    }

    public StripSettings settings() {
        return settings;
    }

    public int inputChannels() {
        return inputChannels;
    }

    /** Designs the filters for {@code sampleRate} and allocates all state. */
    public void prepare(double sampleRate, int maxBlock) {
        List<BiquadCoefficients> stages = new ArrayList<>();
        if (settings.highPass() != null) {
            stages.addAll(List.of(settings.highPass().highPass(sampleRate)));
        }
        if (settings.lowPass() != null) {
            stages.addAll(List.of(settings.lowPass().lowPass(sampleRate)));
        }
        for (EqBandSettings band : settings.eq()) {
            stages.add(band.design(sampleRate));
        }
        filter = stages.isEmpty() ? null : new BiquadFilter(stages.toArray(new BiquadCoefficients[0]));
        if (filter != null) {
            filter.prepare(sampleRate, maxBlock, inputChannels);
        }
        compressor = settings.compressor() == null ? null : new Compressor(settings.compressor());
        if (compressor != null) {
            compressor.prepare(sampleRate, maxBlock, inputChannels);
        }
        if (settings.fader().size() == 1) {
            automation = null;
            faderGain = Decibels.toGain(settings.fader().gainDbAtIndex(0));
        } else {
            automation = new GainRamp(settings.fader());
            automation.prepare(sampleRate, maxBlock, 2);
        }
        balanceLeft = Pan.balanceLeftGain(settings.balance());
        balanceRight = Pan.balanceRightGain(settings.balance());
    }

    /** Clears filter, compressor and automation state (back to time zero). */
    public void reset() {
        if (filter != null) {
            filter.reset();
        }
        if (compressor != null) {
            compressor.reset();
        }
        if (automation != null) {
            automation.reset();
        }
    }

    /**
     * Processes one block in place.
     *
     * @param buffer   two channels; the input is in channel 0 (mono) or channels 0 and 1 (stereo);
     *                 the stereo output replaces it
     * @param frames   frames in the block
     * @param preFader if not null, receives the stereo signal before the fader (silence when muted)
     */
    public void process(double[][] buffer, int frames, double[][] preFader) {
        if (settings.mute()) {
            silence(buffer, frames);
            if (preFader != null) {
                silence(preFader, frames);
            }
            return;
        }
        if (inputGain != 1) {
            for (int ch = 0; ch < inputChannels; ch++) {
                scale(buffer[ch], frames, inputGain);
            }
        }
        if (filter != null) {
            filter.process(buffer, frames);
        }
        if (compressor != null) {
            compressor.process(buffer, frames);
        }
        if (inputChannels == 1) {
            // The left output may alias the mono input: each sample is read before it is written.
            Pan.monoToStereo(buffer[0], buffer[0], buffer[1], frames, settings.pan());
        } else {
            if (balanceLeft != 1) {
                scale(buffer[0], frames, balanceLeft);
            }
            if (balanceRight != 1) {
                scale(buffer[1], frames, balanceRight);
            }
            Pan.width(buffer[0], buffer[1], frames, settings.width());
        }
        if (preFader != null) {
            System.arraycopy(buffer[0], 0, preFader[0], 0, frames);
            System.arraycopy(buffer[1], 0, preFader[1], 0, frames);
        }
        if (automation != null) {
            automation.process(buffer, frames);
        } else if (faderGain != 1) {
            scale(buffer[0], frames, faderGain);
            scale(buffer[1], frames, faderGain);
        }
    }

    private static void scale(double[] x, int frames, double gain) {
        for (int i = 0; i < frames; i++) {
            x[i] *= gain;
        }
    }

    private static void silence(double[][] buffer, int frames) {
        Arrays.fill(buffer[0], 0, frames, 0.0);
        Arrays.fill(buffer[1], 0, frames, 0.0);
    }
}
