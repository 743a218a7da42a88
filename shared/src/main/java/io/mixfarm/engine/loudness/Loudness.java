package io.mixfarm.engine.loudness;

import java.util.Arrays;
import java.util.List;

/**
 * BS.1770-4 gating and EBU Tech 3342 loudness range over block energies, for one file or for
 * an album (several files' blocks pooled, as ReplayGain 2.0 and libebur128's
 * {@code ebur128_loudness_global_multiple} do: the relative gate is recomputed over the pool,
 * not averaged over files).
 */
public final class Loudness {

    /** Blocks at or below this loudness are ignored (BS.1770-4, Tech 3342). */
    public static final double ABSOLUTE_GATE_LUFS = -70.0;
    /** Integrated loudness: blocks more than 10 LU below the absolute-gated mean are ignored. */
    public static final double RELATIVE_GATE_LU = -10.0;
    /** Loudness range: short-term values more than 20 LU below their gated mean are ignored. */
    public static final double LRA_RELATIVE_GATE_LU = -20.0;
    static final double LRA_LOW_PERCENTILE = 0.10;
    static final double LRA_HIGH_PERCENTILE = 0.95;

    private static final double ABSOLUTE_GATE_ENERGY = energy(ABSOLUTE_GATE_LUFS);

    private Loudness() {
    }

    /** Loudness in LUFS of a channel-weighted mean-square energy; -infinity for zero. */
    public static double lufs(double energy) {
        return -0.691 + 10.0 * Math.log10(energy);
    }

    /** The mean-square energy of a loudness in LUFS. */
    public static double energy(double lufs) {
        return Math.pow(10.0, (lufs + 0.691) / 10.0);
    }

    /** A linear magnitude in dB (dBFS, dBTP); -infinity for zero, NaN stays NaN. */
    public static double decibels(double magnitude) {
        return 20.0 * Math.log10(magnitude);
    }

    /** Gated integrated loudness (BS.1770-4) of 400 ms blocks; -infinity if every block is gated. */
    public static double integratedLufs(GatingBlocks blocks) {
        requireWindow(blocks, GatingBlocks.Window.GATING_400_MS);
        return gatedLufs(blocks.view());
    }

    /** Album loudness: integrated loudness of all files' 400 ms blocks pooled. */
    public static double albumIntegratedLufs(List<GatingBlocks> files) {
        return integratedLufs(GatingBlocks.concat(files));
    }

    /** Loudness range in LU (EBU Tech 3342) of 3 s short-term values; 0 when nothing passes the gates. */
    public static double loudnessRangeLu(GatingBlocks shortTerm) {
        requireWindow(shortTerm, GatingBlocks.Window.SHORT_TERM_3_S);
        return rangeLu(shortTerm.view());
    }

    /** Album loudness range: over all files' short-term values pooled. */
    public static double albumLoudnessRangeLu(List<GatingBlocks> files) {
        return loudnessRangeLu(GatingBlocks.concat(files));
    }

    static double gatedLufs(double[] energies) {
        return gatedLufs(energies, energies.length);
    }

    static double gatedLufs(double[] energies, int count) {
        double sum = 0;
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (energies[i] > ABSOLUTE_GATE_ENERGY) {
                sum += energies[i];
                kept++;
            }
        }
        if (kept == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double relativeGate = sum / kept * Math.pow(10.0, RELATIVE_GATE_LU / 10.0);
        double gatedSum = 0;
        int gated = 0;
        for (int i = 0; i < count; i++) {
            double e = energies[i];
            if (e > ABSOLUTE_GATE_ENERGY && e > relativeGate) {
                gatedSum += e;
                gated++;
            }
        }
        return lufs(gatedSum / gated);
    }

    static double rangeLu(double[] energies) {
        return rangeLu(energies, energies.length);
    }

    /**
     * Tech 3342: absolute gate, relative gate 20 LU below the power mean of what passed, then
     * the 95th minus the 10th percentile, taken by rounded rank as the reference code and
     * libebur128 do (index round((n-1)·p) of the sorted values).
     */
    static double rangeLu(double[] energies, int count) {
        double[] kept = new double[count];
        int n = 0;
        double sum = 0;
        for (int i = 0; i < count; i++) {
            if (energies[i] > ABSOLUTE_GATE_ENERGY) {
                kept[n++] = energies[i];
                sum += energies[i];
            }
        }
        if (n == 0) {
            return 0.0;
        }
        double relativeGate = sum / n * Math.pow(10.0, LRA_RELATIVE_GATE_LU / 10.0);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (kept[i] > relativeGate) {
                kept[m++] = kept[i];
            }
        }
        if (m == 0) {
            return 0.0;
        }
        Arrays.sort(kept, 0, m);
        double low = kept[(int) ((m - 1) * LRA_LOW_PERCENTILE + 0.5)];
        double high = kept[(int) ((m - 1) * LRA_HIGH_PERCENTILE + 0.5)];
        return lufs(high) - lufs(low);
    }

    private static void requireWindow(GatingBlocks blocks, GatingBlocks.Window window) {
        if (blocks.window() != window) {
            throw new IllegalArgumentException("expected " + window + " blocks, got " + blocks.window());
        }
    }
}
