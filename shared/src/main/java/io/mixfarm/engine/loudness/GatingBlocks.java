package io.mixfarm.engine.loudness;

import java.util.Arrays;
import java.util.List;

/**
 * The exact mean-square energies (channel-weighted, K-weighted) of a measurement's analysis
 * blocks, one every 100 ms: 400 ms gating blocks for integrated loudness, or 3 s short-term
 * windows for loudness range. Immutable; pooling several files' blocks gives album values.
 */
public final class GatingBlocks {

    /** Which analysis window the energies belong to. */
    public enum Window {
        /** 400 ms gating blocks with 75 % overlap (integrated loudness). */
        GATING_400_MS,
        /** 3 s short-term windows every 100 ms (loudness range). */
        SHORT_TERM_3_S
    }

    private final Window window;
    private final double[] energies;

    private GatingBlocks(Window window, double[] energies) {
        this.window = window;
        this.energies = energies;
    }

    /** Blocks of {@code window} holding a copy of {@code energies[0 .. count)}. */
    public static GatingBlocks of(Window window, double[] energies, int count) {
        if (window == null) {
            throw new IllegalArgumentException("window must not be null");
        }
        if (count < 0 || count > energies.length) {
            throw new IllegalArgumentException("count " + count + " outside 0.." + energies.length);
        }
        for (int i = 0; i < count; i++) {
            if (!(energies[i] >= 0) || Double.isInfinite(energies[i])) {
                throw new IllegalArgumentException("energy " + i + " is " + energies[i]
                        + "; energies are finite and non-negative");
            }
        }
        return new GatingBlocks(window, Arrays.copyOf(energies, count));
    }

    /** All blocks of {@code parts}, in order, which must share one window kind. */
    public static GatingBlocks concat(List<GatingBlocks> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to pool: the list of blocks is empty");
        }
        Window window = parts.get(0).window;
        int total = 0;
        for (GatingBlocks part : parts) {
            if (part.window != window) {
                throw new IllegalArgumentException("cannot pool " + part.window + " with " + window);
            }
            total += part.energies.length;
        }
        double[] all = new double[total];
        int at = 0;
        for (GatingBlocks part : parts) {
            System.arraycopy(part.energies, 0, all, at, part.energies.length);
            at += part.energies.length;
        }
        return new GatingBlocks(window, all);
    }

    public Window window() {
        return window;
    }

    public int count() {
        return energies.length;
    }

    /** Mean-square energy of block {@code index}. */
    public double energy(int index) {
        return energies[index];
    }

    /** A copy of all energies. */
    public double[] energies() {
        return energies.clone();
    }

    double[] view() {
        return energies;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GatingBlocks other && window == other.window
                && Arrays.equals(energies, other.energies);
    }

    @Override
    public int hashCode() {
        return 31 * window.hashCode() + Arrays.hashCode(energies);
    }

    @Override
    public String toString() {
        return "GatingBlocks[" + window + ", " + energies.length + " blocks]";
    }
}
