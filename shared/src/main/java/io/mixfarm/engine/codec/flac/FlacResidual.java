package io.mixfarm.engine.codec.flac;

import java.io.IOException;
import java.util.Arrays;

/** The partitioned Rice / Rice2 residual of FIXED and LPC subframes (RFC 9639 section 9.2.7). */
final class FlacResidual {

    private FlacResidual() {
    }

    /** Reads the residual of samples {@code order .. n)} into {@code out}. */
    static void read(FlacBitReader in, int[] out, int n, int order) throws IOException {
        int method = in.readBits(2);
        if (method > 1) {
            throw new FlacFormatException("reserved residual coding method " + method);
        }
        int paramBits = method == 0 ? 4 : 5;
        int escape = (1 << paramBits) - 1;
        int partitionOrder = in.readBits(4);
        int partitions = 1 << partitionOrder;
        int perPartition = n >> partitionOrder;
        if ((n & (partitions - 1)) != 0 || perPartition < order) {
            throw new FlacFormatException("residual partition order " + partitionOrder
                    + " is impossible for block size " + n + " and predictor order " + order);
        }
        int start = order;
        for (int p = 0; p < partitions; p++) {
            int end = (p + 1) * perPartition;
            int k = in.readBits(paramBits);
            if (k != escape) {
                in.readRice(out, start, end, k);
            } else {
                int rawBits = in.readBits(5);
                if (rawBits == 0) {
                    Arrays.fill(out, start, end, 0);
                } else {
                    for (int i = start; i < end; i++) {
                        out[i] = in.readSigned(rawBits);
                    }
                }
            }
            start = end;
        }
    }
}
