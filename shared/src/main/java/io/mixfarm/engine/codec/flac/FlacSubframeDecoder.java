package io.mixfarm.engine.codec.flac;

import java.io.IOException;

/**
 * Decodes one subframe (RFC 9639 section 9.2): CONSTANT, VERBATIM, FIXED and LPC, with wasted
 * bits and partitioned Rice / Rice2 residuals including escaped partitions. Samples of up to 32
 * bits land in an {@code int[]}; residuals are written in place and the prediction added on top.
 */
final class FlacSubframeDecoder {
    private final int[] coefficients = new int[32];

    /**
     * Decodes {@code n} samples of a subframe with {@code bps} bits per sample (1 to 32; the side
     * channel of a stereo pair carries one bit more than the stream) into {@code out[0 .. n)}.
     */
    void decode(FlacBitReader in, int[] out, int n, int bps) throws IOException {
        if (in.readBits(1) != 0) {
            throw new FlacFormatException("subframe padding bit is set");
        }
        int type = in.readBits(6);
        int wasted = 0;
        if (in.readBits(1) == 1) {
            wasted = in.readUnary(bps) + 1;
            if (wasted >= bps) {
                throw new FlacFormatException(wasted + " wasted bits in a " + bps + "-bit subframe");
            }
        }
        int sbps = bps - wasted;
        if (type == 0) {
            java.util.Arrays.fill(out, 0, n, in.readSigned(sbps));
        } else if (type == 1) {
            for (int i = 0; i < n; i++) {
                out[i] = in.readSigned(sbps);
            }
        } else if (type >= 8 && type <= 12) {
            decodeFixed(in, out, n, sbps, type - 8);
        } else if (type >= 32) {
            decodeLpc(in, out, n, sbps, type - 31);
        } else {
            throw new FlacFormatException("reserved subframe type " + type);
        }
        if (wasted > 0) {
            for (int i = 0; i < n; i++) {
                out[i] <<= wasted;
            }
        }
    }

    private void decodeFixed(FlacBitReader in, int[] out, int n, int bps, int order) throws IOException {
        readWarmUp(in, out, n, bps, order);
        FlacResidual.read(in, out, n, order);
        FlacPrediction.restoreFixed(out, n, order);
        checkRange(out, order, n, bps);
    }

    private void decodeLpc(FlacBitReader in, int[] out, int n, int bps, int order) throws IOException {
        readWarmUp(in, out, n, bps, order);
        int precision = in.readBits(4) + 1;
        if (precision == 16) {
            throw new FlacFormatException("invalid LPC coefficient precision code 15");
        }
        int shift = in.readSigned(5);
        if (shift < 0) {
            throw new FlacFormatException("negative LPC shift " + shift);
        }
        // stored so that coefficients[j] multiplies out[i - order + j]: oldest sample first
        for (int j = order - 1; j >= 0; j--) {
            coefficients[j] = in.readSigned(precision);
        }
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
        if (order > n) {
            throw new FlacFormatException("predictor order " + order + " exceeds block size " + n);
        }
        for (int i = 0; i < order; i++) {
            out[i] = in.readSigned(bps);
        }
    }

    /** A predicted sample outside the subframe's bit depth means the data is corrupt. */
    private static void checkRange(int[] out, int from, int n, int bps) {
        if (bps >= 32) {
            return;
        }
        int s = 32 - bps;
        int bad = 0;
        for (int i = from; i < n; i++) {
            int v = out[i];
            bad |= v ^ ((v << s) >> s);
        }
        if (bad != 0) {
            throw new FlacFormatException("predicted sample exceeds the subframe's " + bps + " bits");
        }
    }
}
