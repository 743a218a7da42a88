package io.mixfarm.engine.codec.flac;

import java.io.IOException;
import java.util.Arrays;

/**
 * Decodes one subframe (RFC 9639 section 9.2): CONSTANT, VERBATIM, FIXED and LPC, with wasted
 * bits and partitioned Rice / Rice2 residuals including escaped partitions. Samples of up to 32
 * bits land in an {@code int[]}; residuals are written in place and the prediction added on top.
 * The 33-bit side channel of 32-bit stereo is decoded into a {@code long[]}.
 */
final class FlacSubframeDecoder {
    private final int[] coefficients = new int[32];
    private int wasted;     // of the subframe being decoded
    private int precision;  // of the LPC subframe being decoded
    private String outOfRange; // first out-of-range prediction in this frame, reported after its CRC

    /** Forgets the previous frame's range problem. */
    void startFrame() {
        outOfRange = null;
    }

    /** Throws if a predicted sample of this frame exceeded its subframe's bit depth. */
    void checkFrameInRange() {
        if (outOfRange != null) {
            throw new FlacFormatException(outOfRange);
        }
    }

    /**
     * Decodes {@code n} samples of a subframe with {@code bps} bits per sample (1 to 32; the side
     * channel of a stereo pair carries one bit more than the stream) into {@code out[0 .. n)}.
     */
    void decode(FlacBitReader in, int[] out, int n, int bps) throws IOException {
        int type = readHeader(in, bps);
        int sbps = bps - wasted;
        if (type == 0) {
            Arrays.fill(out, 0, n, in.readSigned(sbps));
        } else if (type == 1) {
            for (int i = 0; i < n; i++) {
                out[i] = in.readSigned(sbps);
            }
        } else if (type <= 12) {
            decodeFixed(in, out, n, sbps, type - 8);
        } else {
            decodeLpc(in, out, n, sbps, type - 31);
        }
        if (wasted > 0) {
            for (int i = 0; i < n; i++) {
                out[i] <<= wasted;
            }
        }
    }

    /**
     * Decodes a 33-bit subframe (the side channel of a 32-bit stereo stream) into longs;
     * {@code residual} is scratch of at least {@code n} ints.
     */
    void decodeWide(FlacBitReader in, long[] out, int[] residual, int n, int bps) throws IOException {
        int type = readHeader(in, bps);
        int sbps = bps - wasted;
        if (type == 0) {
            Arrays.fill(out, 0, n, in.readSignedLong(sbps));
        } else if (type == 1) {
            for (int i = 0; i < n; i++) {
                out[i] = in.readSignedLong(sbps);
            }
        } else {
            int order = type <= 12 ? type - 8 : type - 31;
            checkOrder(order, n);
            for (int i = 0; i < order; i++) {
                out[i] = in.readSignedLong(sbps);
            }
            int shift = type <= 12 ? 0 : readLpcParameters(in, order);
            FlacResidual.read(in, residual, n, order);
            if (type <= 12) {
                FlacPrediction.restoreFixedWide(out, residual, n, order);
            } else {
                FlacPrediction.restoreLpcLong(out, residual, n, coefficients, order, shift);
            }
            long bad = 0;
            int s = 64 - sbps;
            for (int i = order; i < n; i++) {
                bad |= out[i] ^ ((out[i] << s) >> s);
            }
            if (bad != 0 && outOfRange == null) {
                outOfRange = "predicted sample exceeds the subframe's " + sbps + " bits";
            }
        }
        for (int i = 0; i < n && wasted > 0; i++) {
            out[i] <<= wasted;
        }
    }

    /** Reads padding, type and wasted bits; returns the type (0, 1, 8-12 or 32-63). */
    private int readHeader(FlacBitReader in, int bps) throws IOException {
        if (in.readBits(1) != 0) {
            throw new FlacFormatException("subframe padding bit is set");
        }
        int type = in.readBits(6);
        if (type > 1 && type < 8 || type > 12 && type < 32) {
            throw new FlacFormatException("reserved subframe type " + type);
        }
        wasted = 0;
        if (in.readBits(1) == 1) {
            wasted = in.readUnary(bps) + 1;
            if (wasted >= bps) {
                throw new FlacFormatException(wasted + " wasted bits in a " + bps + "-bit subframe");
            }
        }
        return type;
    }

    /** Reads LPC precision, shift and coefficients (stored oldest sample first); returns the shift. */
    private int readLpcParameters(FlacBitReader in, int order) throws IOException {
        precision = in.readBits(4) + 1;
        if (precision == 16) {
            throw new FlacFormatException("invalid LPC coefficient precision code 15");
        }
        int shift = in.readSigned(5);
        if (shift < 0) {
            throw new FlacFormatException("negative LPC shift " + shift);
        }
        for (int j = order - 1; j >= 0; j--) {
            coefficients[j] = in.readSigned(precision);
        }
        return shift;
    }

    private void decodeFixed(FlacBitReader in, int[] out, int n, int bps, int order) throws IOException {
        readWarmUp(in, out, n, bps, order);
        FlacResidual.read(in, out, n, order);
        FlacPrediction.restoreFixed(out, n, order);
        checkRange(out, order, n, bps);
    }

    private void decodeLpc(FlacBitReader in, int[] out, int n, int bps, int order) throws IOException {
        readWarmUp(in, out, n, bps, order);
        int shift = readLpcParameters(in, order);
        FlacResidual.read(in, out, n, order);
        int headroom = 32 - Integer.numberOfLeadingZeros(order - 1); // ceil(log2(order))
        if (bps + precision + headroom <= 32) {
            FlacPrediction.restoreLpc(out, n, coefficients, order, shift);
        } else {
            FlacPrediction.restoreLpcWide(out, n, coefficients, order, shift);
        }
        checkRange(out, order, n, bps);
    }

    private static void readWarmUp(FlacBitReader in, int[] out, int n, int bps, int order) throws IOException {
        checkOrder(order, n);
        for (int i = 0; i < order; i++) {
            out[i] = in.readSigned(bps);
        }
    }

    /** Like the reference decoder, a predictor needs at least one sample to predict. */
    private static void checkOrder(int order, int n) {
        if (order >= n) {
            throw new FlacFormatException("predictor order " + order + " needs a block longer than " + n);
        }
    }

    /** A predicted sample outside the subframe's bit depth means the data is corrupt. */
    private void checkRange(int[] out, int from, int n, int bps) {
        if (bps >= 32) {
            return;
        }
        int s = 32 - bps;
        int bad = 0;
        for (int i = from; i < n; i++) {
            int v = out[i];
            bad |= v ^ ((v << s) >> s);
        }
        if (bad != 0 && outOfRange == null) {
            outOfRange = "predicted sample exceeds the subframe's " + bps + " bits";
        }
    }
}
