package io.mixfarm.engine.mix;

import io.mixfarm.engine.dsp.Compressor;
import io.mixfarm.engine.dsp.GainEnvelope;

import java.util.List;

/**
 * A channel strip, in signal order: input trim, polarity, high-pass, low-pass, EQ bands,
 * compressor, then pan (mono input) or balance and width (stereo input), fader (static or
 * automated), mute. Solo is a property of the song: when any stem is soloed, the others are
 * silent (see {@link MixGraph}).
 *
 * @param trimDb         input gain, dB
 * @param invertPolarity flip the sign of every sample
 * @param highPass       Butterworth high-pass, or null for none
 * @param lowPass        Butterworth low-pass, or null for none
 * @param eq             up to {@value #MAX_EQ_BANDS} bands, applied in order
 * @param compressor     compressor settings, or null for none
 * @param pan            constant-power pan of a mono input, −1 … 1 (ignored for stereo input)
 * @param balance        balance of a stereo input, −1 … 1 (ignored for mono input)
 * @param width          mid/side width of a stereo input, 0 … 2 (ignored for mono input)
 * @param fader          fader level over time in dB (a constant envelope for a static fader)
 * @param mute           silence the strip and its sends
 * @param solo           solo the strip (stems only)
 */
public record StripSettings(double trimDb, boolean invertPolarity, FilterSettings highPass, FilterSettings lowPass,
                            List<EqBandSettings> eq, Compressor.Settings compressor, double pan, double balance,
                            double width, GainEnvelope fader, boolean mute, boolean solo) {

    public static final int MAX_EQ_BANDS = 8;

    /** A strip that passes a stereo input through bit-exactly (a mono input is panned centre). */
    public static final StripSettings NEUTRAL = builder().build();

    public StripSettings {
        requireRange(trimDb, -1000, 1000, "trimDb");
        requireRange(pan, -1, 1, "pan");
        requireRange(balance, -1, 1, "balance");
        requireRange(width, 0, 2, "width");
        eq = List.copyOf(eq);
        if (eq.size() > MAX_EQ_BANDS) {
            throw new IllegalArgumentException(eq.size() + " EQ bands; at most " + MAX_EQ_BANDS);
        }
        if (fader == null) {
            throw new IllegalArgumentException("fader envelope is required (GainEnvelope.constant(0) for unity)");
        }
    }

    private static void requireRange(double value, double min, double max, String name) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + value);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from the neutral strip. */
    public static final class Builder {
        private double trimDb;
        private boolean invertPolarity;
        private FilterSettings highPass;
        private FilterSettings lowPass;
        private List<EqBandSettings> eq = List.of();
        private Compressor.Settings compressor;
        private double pan;
        private double balance;
        private double width = 1;
        private GainEnvelope fader = GainEnvelope.constant(0);
        private boolean mute;
        private boolean solo;

        public Builder trimDb(double v) {
            trimDb = v;
            return this;
        }

        public Builder invertPolarity(boolean v) {
            invertPolarity = v;
            return this;
        }

        public Builder highPass(FilterSettings v) {
            highPass = v;
            return this;
        }

        public Builder lowPass(FilterSettings v) {
            lowPass = v;
            return this;
        }

        public Builder eq(List<EqBandSettings> v) {
            eq = v;
            return this;
        }

        public Builder compressor(Compressor.Settings v) {
            compressor = v;
            return this;
        }

        public Builder pan(double v) {
            pan = v;
            return this;
        }

        public Builder balance(double v) {
            balance = v;
            return this;
        }

        public Builder width(double v) {
            width = v;
            return this;
        }

        public Builder faderDb(double v) {
            fader = GainEnvelope.constant(v);
            return this;
        }

        public Builder fader(GainEnvelope v) {
            fader = v;
            return this;
        }

        public Builder mute(boolean v) {
            mute = v;
            return this;
        }

        public Builder solo(boolean v) {
            solo = v;
            return this;
        }

        public StripSettings build() {
            return new StripSettings(trimDb, invertPolarity, highPass, lowPass, eq, compressor, pan, balance,
                    width, fader, mute, solo);
        }
    }
}
