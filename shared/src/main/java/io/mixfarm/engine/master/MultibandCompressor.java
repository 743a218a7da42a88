package io.mixfarm.engine.master;

import io.mixfarm.engine.dsp.BiquadCoefficients;
import io.mixfarm.engine.dsp.BiquadFilter;
import io.mixfarm.engine.dsp.Compressor;
import io.mixfarm.engine.dsp.LinkwitzRiley;

/**
 * Three-band compressor on Linkwitz–Riley (LR4) crossovers. The input splits at the low crossover
 * into low and rest, and the rest at the high crossover into mid and high. The low band also
 * passes the all-pass that the second split applies to the rest (an LR4 low + high pair sums to
 * that second-order all-pass), so with every band at unity the three bands sum to a pure
 * all-pass: flat magnitude.
 */
public final class MultibandCompressor {

    private static final double BUTTERWORTH_Q = Math.sqrt(0.5);

    private final MultibandSettings settings;
    private BiquadFilter lowSplit;
    private BiquadFilter restSplit;
    private BiquadFilter midSplit;
    private BiquadFilter highSplit;
    private BiquadFilter lowAllPass;
    private final Compressor[] compressors = new Compressor[3];
    private double[][] low;
    private double[][] mid;
    private int channels;

    public MultibandCompressor(MultibandSettings settings) {
        this.settings = settings;
    }

    public void prepare(int sampleRate, int maxBlock, int channels) {
        double fs = sampleRate;
        if (settings.highCrossoverHz() >= fs / 2) {
            throw new IllegalArgumentException("high crossover " + settings.highCrossoverHz()
                    + " Hz is not below Nyquist at " + sampleRate + " Hz");
        }
        this.channels = channels;
        lowSplit = prepared(new BiquadFilter(LinkwitzRiley.lowPass4(fs, settings.lowCrossoverHz())), fs, maxBlock, channels);
        restSplit = prepared(new BiquadFilter(LinkwitzRiley.highPass4(fs, settings.lowCrossoverHz())), fs, maxBlock, channels);
        midSplit = prepared(new BiquadFilter(LinkwitzRiley.lowPass4(fs, settings.highCrossoverHz())), fs, maxBlock, channels);
        highSplit = prepared(new BiquadFilter(LinkwitzRiley.highPass4(fs, settings.highCrossoverHz())), fs, maxBlock, channels);
        lowAllPass = prepared(new BiquadFilter(BiquadCoefficients.allPass(fs, settings.highCrossoverHz(), BUTTERWORTH_Q)),
                fs, maxBlock, channels);
        Compressor.Settings[] bands = {settings.low(), settings.mid(), settings.high()};
        for (int b = 0; b < 3; b++) {
            compressors[b] = bands[b] == null ? null : new Compressor(bands[b]);
            if (compressors[b] != null) {
                compressors[b].prepare(fs, maxBlock, channels);
            }
        }
        low = new double[channels][maxBlock];
        mid = new double[channels][maxBlock];
    }

    private static BiquadFilter prepared(BiquadFilter filter, double fs, int maxBlock, int channels) {
        filter.prepare(fs, maxBlock, channels);
        return filter;
    }

    public void reset() {
        for (BiquadFilter f : new BiquadFilter[] {lowSplit, restSplit, midSplit, highSplit, lowAllPass}) {
            f.reset();
        }
        for (Compressor c : compressors) {
            if (c != null) {
                c.reset();
            }
        }
    }

    /** Processes {@code frames} frames in place: the buffer becomes low + mid + high. */
    public void process(double[][] buffer, int frames) {
        for (int c = 0; c < channels; c++) {
            System.arraycopy(buffer[c], 0, low[c], 0, frames);
        }
        lowSplit.process(low, frames);
        lowAllPass.process(low, frames);
        restSplit.process(buffer, frames); // buffer now holds the rest (mid + high)
        for (int c = 0; c < channels; c++) {
            System.arraycopy(buffer[c], 0, mid[c], 0, frames);
        }
        midSplit.process(mid, frames);
        highSplit.process(buffer, frames); // buffer now holds the high band
        compress(0, low, frames);
        compress(1, mid, frames);
        compress(2, buffer, frames);
        for (int c = 0; c < channels; c++) {
            double[] out = buffer[c];
            double[] l = low[c];
            double[] m = mid[c];
            for (int i = 0; i < frames; i++) {
                out[i] += l[i] + m[i];
            }
        }
    }

    private void compress(int band, double[][] signal, int frames) {
        if (compressors[band] != null) {
            compressors[band].process(signal, frames);
        }
    }
}
