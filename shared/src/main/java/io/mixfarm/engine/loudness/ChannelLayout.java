package io.mixfarm.engine.loudness;

/**
 * Default channel orders and their BS.1770 weights, chosen from the channel count.
 *
 * <p>BS.1770-4 weights a channel 1.41 (+1.5 dB) when it sits 60° to 120° off-centre below 30°
 * elevation (the surrounds), 1.0 otherwise, and leaves LFE out. Orders follow WAV/SMPTE.
 * For 6.1 and 7.1 the back channels (about 135° to 180°) therefore weigh 1.0 and only the side
 * surrounds 1.41 — ffmpeg's ebur128 weighs every back and side channel 1.41, libebur128 ignores
 * channels past the sixth by default. Anything else: pass explicit weights to the meter.
 */
public enum ChannelLayout {
    /** One channel, weight 1.0 (a mono file reads 3 LU below the same signal on two channels). */
    MONO("M", 1.0),
    STEREO("L R", 1.0, 1.0),
    /** L R C. */
    THREE_ZERO("L R C", 1.0, 1.0, 1.0),
    /** L R Ls Rs (quadraphonic; libebur128's default for four channels). */
    QUAD("L R Ls Rs", 1.0, 1.0, 1.41, 1.41),
    /** L R C Ls Rs. */
    FIVE_ZERO("L R C Ls Rs", 1.0, 1.0, 1.0, 1.41, 1.41),
    /** L R C LFE Ls Rs. */
    FIVE_ONE("L R C LFE Ls Rs", 1.0, 1.0, 1.0, 0.0, 1.41, 1.41),
    /** L R C LFE Cs Ls Rs (back centre weighs 1.0). */
    SIX_ONE("L R C LFE Cs Ls Rs", 1.0, 1.0, 1.0, 0.0, 1.0, 1.41, 1.41),
    /** L R C LFE Lrs Rrs Lss Rss (rear surrounds 1.0, side surrounds 1.41). */
    SEVEN_ONE("L R C LFE Lrs Rrs Lss Rss", 1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.41, 1.41);

    private final String order;
    private final double[] weights;

    ChannelLayout(String order, double... weights) {
        this.order = order;
        this.weights = weights;
    }

    /** The default layout for 1 to 8 channels (4 = quad, 5 = 5.0, 6 = 5.1, 7 = 6.1, 8 = 7.1). */
    public static ChannelLayout forChannelCount(int channels) {
        for (ChannelLayout layout : values()) {
            if (layout.weights.length == channels) {
                return layout;
            }
        }
        throw new IllegalArgumentException("no default channel layout for " + channels
                + " channels; supported: 1 to 8, or give explicit channel weights");
    }

    /** Channel names in order, space separated. */
    public String order() {
        return order;
    }

    public int channels() {
        return weights.length;
    }

    /** A copy of the per-channel weights. */
    public double[] weights() {
        return weights.clone();
    }
}
