package io.mixfarm.engine.loudness;

import io.mixfarm.engine.audio.AudioLimits;

/**
 * An ITU-R BS.1770-4 / EBU R128 loudness meter: momentary, short-term and integrated loudness,
 * loudness range (EBU Tech 3342), sample peak and true peak.
 *
 * <p>Construction prepares everything; {@link #process} takes planar blocks of any size, never
 * allocates (apart from the block lists growing by doubling, ten entries per second) and keeps
 * every 400 ms gating block's exact energy, so integrated loudness can later be pooled across
 * files ({@link Loudness#albumIntegratedLufs}). Momentary and short-term values can be read at
 * any time; they cover the window ending at the last completed 10 ms slice (see
 * {@link LoudnessWindows}) and treat the time before the first sample as silence.
 *
 * <p>Not thread-safe: one meter per stream.
 */
public final class LoudnessMeter {

    private final int sampleRate;
    private final double[] weights;
    private final MeterOptions options;
    private final KWeightingFilter[] filters;
    private final ChannelPeakDetector[] peaks;
    private final double[] sliceSums;
    /** Two weighted channels: filtered in one loop ({@link KWeightingFilter#sumOfSquares(KWeightingFilter, KWeightingFilter, double[], double[], int, int, double[])}). */
    private final boolean stereo;
    private final double[] pairSums = new double[2];
    private final LoudnessWindows windows;
    private int sliceFill;
    private long frames;

    /** A meter for the default layout of {@code channels} (see {@link ChannelLayout}), true peak on. */
    public LoudnessMeter(int sampleRate, int channels) {
        this(sampleRate, channels, MeterOptions.DEFAULT);
    }

    public LoudnessMeter(int sampleRate, int channels, MeterOptions options) {
        this(sampleRate, ChannelLayout.forChannelCount(channels).weights(), options);
    }

    /**
     * A meter with explicit per-channel weights (1.0 front, 1.41 surround, 0 to leave a channel
     * such as LFE out of loudness; peaks still cover it).
     */
    public LoudnessMeter(int sampleRate, double[] channelWeights, MeterOptions options) {
        if (sampleRate < AudioLimits.MIN_SAMPLE_RATE || sampleRate > AudioLimits.MAX_SAMPLE_RATE) {
            throw new IllegalArgumentException("sample rate " + sampleRate + " Hz outside "
                    + AudioLimits.MIN_SAMPLE_RATE + " to " + AudioLimits.MAX_SAMPLE_RATE + " Hz");
        }
        if (channelWeights.length == 0) {
            throw new IllegalArgumentException("at least one channel is needed");
        }
        for (int c = 0; c < channelWeights.length; c++) {
            if (!(channelWeights[c] >= 0) || Double.isInfinite(channelWeights[c])) {
                throw new IllegalArgumentException("channel " + c + " weight " + channelWeights[c]
                        + " must be finite and non-negative");
            }
        }
        this.sampleRate = sampleRate;
        this.weights = channelWeights.clone();
        this.options = options;
        int channels = weights.length;
        KWeighting kWeighting = KWeighting.forSampleRate(sampleRate);
        TruePeakInterpolator interpolator = options.truePeak()
                ? TruePeakInterpolator.forSampleRate(sampleRate) : null;
        filters = new KWeightingFilter[channels];
        peaks = new ChannelPeakDetector[channels];
        for (int c = 0; c < channels; c++) {
            filters[c] = new KWeightingFilter(kWeighting);
            peaks[c] = new ChannelPeakDetector(interpolator);
        }
        sliceSums = new double[channels];
        stereo = channels == 2 && weights[0] != 0.0 && weights[1] != 0.0;
        windows = new LoudnessWindows(sampleRate);
    }

    /**
     * Measures {@code frameCount} frames of planar audio {@code block[channel][frame]}
     * (full scale ±1.0).
     */
    public void process(double[][] block, int frameCount) {
        if (block.length != weights.length) {
            throw new IllegalArgumentException("block has " + block.length + " channels, meter has "
                    + weights.length);
        }
        for (double[] channel : block) {
            if (frameCount < 0 || frameCount > channel.length) {
                throw new IllegalArgumentException("frame count " + frameCount + " outside 0.." + channel.length);
            }
        }
        int sliceLength = windows.sliceLength();
        for (int pos = 0; pos < frameCount; ) {
            int n = Math.min(frameCount - pos, sliceLength - sliceFill);
            if (stereo) {
                KWeightingFilter.sumOfSquares(filters[0], filters[1], block[0], block[1], pos, n, pairSums);
                sliceSums[0] += pairSums[0];
                sliceSums[1] += pairSums[1];
            } else {
                for (int c = 0; c < weights.length; c++) {
                    if (weights[c] != 0.0) {
                        sliceSums[c] += filters[c].sumOfSquares(block[c], pos, n);
                    }
                }
            }
            pos += n;
            sliceFill += n;
            if (sliceFill == sliceLength) {
                completeSlice();
            }
        }
        for (int c = 0; c < weights.length; c++) {
            peaks[c].process(block[c], 0, frameCount);
            filters[c].snapDenormals();
        }
        frames += frameCount;
    }

    private void completeSlice() {
        double weighted = 0;
        for (int c = 0; c < weights.length; c++) {
            weighted += weights[c] * sliceSums[c];
            sliceSums[c] = 0.0;
        }
        windows.addSlice(weighted);
        sliceFill = 0;
    }

    /** Forgets everything measured; the meter is as new. */
    public void reset() {
        for (int c = 0; c < weights.length; c++) {
            filters[c].reset();
            peaks[c].reset();
            sliceSums[c] = 0.0;
        }
        windows.reset();
        sliceFill = 0;
        frames = 0;
    }

    /** Momentary loudness (400 ms window), LUFS. */
    public double momentaryLufs() {
        return Loudness.lufs(windows.momentary());
    }

    /** Short-term loudness (3 s window), LUFS. */
    public double shortTermLufs() {
        return Loudness.lufs(windows.shortTerm());
    }

    public double maxMomentaryLufs() {
        return Loudness.lufs(windows.maxMomentary());
    }

    public double maxShortTermLufs() {
        return Loudness.lufs(windows.maxShortTerm());
    }

    /** Gated integrated loudness of everything so far, LUFS; -infinity until a block passes the gates. */
    public double integratedLufs() {
        GrowableDoubles blocks = windows.gatingBlocks();
        return Loudness.gatedLufs(blocks.array(), blocks.size());
    }

    /** Loudness range (EBU Tech 3342) of everything so far, LU. */
    public double loudnessRangeLu() {
        GrowableDoubles values = windows.shortTermBlocks();
        return Loudness.rangeLu(values.array(), values.size());
    }

    /** A snapshot of the 400 ms gating blocks so far (one per 100 ms, from 400 ms on). */
    public GatingBlocks gatingBlocks() {
        GrowableDoubles blocks = windows.gatingBlocks();
        return GatingBlocks.of(GatingBlocks.Window.GATING_400_MS, blocks.array(), blocks.size());
    }

    /** A snapshot of the 3 s short-term values so far (one per 100 ms, from 3 s on). */
    public GatingBlocks shortTermBlocks() {
        GrowableDoubles values = windows.shortTermBlocks();
        return GatingBlocks.of(GatingBlocks.Window.SHORT_TERM_3_S, values.array(), values.size());
    }

    /** Largest sample magnitude over all channels, dBFS. */
    public double samplePeakDbfs() {
        double max = 0;
        for (ChannelPeakDetector p : peaks) {
            max = Math.max(max, p.samplePeak());
        }
        return Loudness.decibels(max);
    }

    public double samplePeakDbfs(int channel) {
        return Loudness.decibels(peaks[channel].samplePeak());
    }

    /**
     * Largest true peak over all channels, dBTP; NaN if true peak is off. Interpolated points
     * trail the input by {@link TruePeakInterpolator#latencySamples()} samples, so the last
     * few inter-sample points of a stream are not evaluated (as in libebur128 and ffmpeg).
     */
    public double truePeakDbtp() {
        double max = 0;
        for (ChannelPeakDetector p : peaks) {
            max = Math.max(max, p.truePeak());
        }
        return Loudness.decibels(max);
    }

    public double truePeakDbtp(int channel) {
        return Loudness.decibels(peaks[channel].truePeak());
    }

    /** All programme measurements at once. */
    public LoudnessSummary summary() {
        return new LoudnessSummary(integratedLufs(), loudnessRangeLu(), maxMomentaryLufs(),
                maxShortTermLufs(), samplePeakDbfs(), truePeakDbtp(), (double) frames / sampleRate);
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return weights.length;
    }

    /** A copy of the channel weights in use. */
    public double[] channelWeights() {
        return weights.clone();
    }

    public MeterOptions options() {
        return options;
    }

    /** Frames processed since construction or the last reset. */
    public long framesProcessed() {
        return frames;
    }
}
