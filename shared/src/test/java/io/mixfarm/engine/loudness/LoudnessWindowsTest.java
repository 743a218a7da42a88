package io.mixfarm.engine.loudness;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The windows' sums leave out the ring slots not yet written and walk the ring in two runs; they
 * must read exactly, bit for bit, what summing the whole window newest first reads
 * ({@link Reference}, the implementation they replaced), before the first 3 s, across the
 * ring's wrap, for a long stream and after a reset.
 */
class LoudnessWindowsTest {

    @Test
    void readsTheSameEnergiesAsSummingTheWholeWindowBitForBit() {
        for (int rate : new int[] {8_000, 44_100, 48_000, 22_050, 11_025, 96_000}) {
            LoudnessWindows windows = new LoudnessWindows(rate);
            Reference reference = new Reference(rate);
            SplittableRandom random = new SplittableRandom(rate);
            for (int round = 0; round < 2; round++) {
                for (int slice = 0; slice < 1_000; slice++) {
                    // quiet and loud stretches and exact silence, so the sums span many magnitudes
                    double level = slice % 97 < 10 ? 0.0 : Math.pow(10, -6 * random.nextDouble());
                    double energy = level * random.nextDouble() * windows.sliceLength();
                    windows.addSlice(energy);
                    reference.addSlice(energy);
                    String what = rate + " Hz, round " + round + ", slice " + slice;
                    assertEquals(bits(reference.momentary), bits(windows.momentary()), what);
                    assertEquals(bits(reference.shortTerm), bits(windows.shortTerm()), what);
                    assertEquals(bits(reference.maxMomentary), bits(windows.maxMomentary()), what);
                    assertEquals(bits(reference.maxShortTerm), bits(windows.maxShortTerm()), what);
                }
                assertArrayEquals(reference.gating(), values(windows.gatingBlocks()), rate + " Hz gating blocks");
                assertArrayEquals(reference.shortTermBlocks(), values(windows.shortTermBlocks()),
                        rate + " Hz short-term blocks");
                windows.reset();
                reference.reset();
            }
        }
    }

    private static long bits(double v) {
        return Double.doubleToLongBits(v);
    }

    private static double[] values(GrowableDoubles list) {
        return Arrays.copyOf(list.array(), list.size());
    }

    /** The windows as they were: every sum over the whole window, newest first, wrapping per slot. */
    private static final class Reference {
        private final int sliceLength;
        private final int slicesPerSubBlock;
        private final int momentarySlices;
        private final double[] ring;
        private int ringPos;
        private long slices;
        double momentary;
        double shortTerm;
        double maxMomentary;
        double maxShortTerm;
        private double[] gating = new double[0];
        private double[] shortTermBlocks = new double[0];

        Reference(int sampleRate) {
            LoudnessWindows layout = new LoudnessWindows(sampleRate);
            int subBlock = (int) Math.round(sampleRate / 10.0);
            sliceLength = layout.sliceLength();
            slicesPerSubBlock = subBlock / sliceLength;
            momentarySlices = 4 * slicesPerSubBlock;
            ring = new double[30 * slicesPerSubBlock];
        }

        void addSlice(double energy) {
            ring[ringPos] = energy;
            ringPos = ringPos + 1 == ring.length ? 0 : ringPos + 1;
            slices++;
            momentary = sumOfNewest(momentarySlices) / ((double) momentarySlices * sliceLength);
            shortTerm = sumOfNewest(ring.length) / ((double) ring.length * sliceLength);
            maxMomentary = Math.max(maxMomentary, momentary);
            maxShortTerm = Math.max(maxShortTerm, shortTerm);
            if (slices % slicesPerSubBlock == 0) {
                if (slices >= momentarySlices) {
                    gating = append(gating, momentary);
                }
                if (slices >= ring.length) {
                    shortTermBlocks = append(shortTermBlocks, shortTerm);
                }
            }
        }

        private double sumOfNewest(int count) {
            double sum = 0;
            int at = ringPos;
            for (int i = 0; i < count; i++) {
                at = at == 0 ? ring.length - 1 : at - 1;
                sum += ring[at];
            }
            return sum;
        }

        double[] gating() {
            return gating;
        }

        double[] shortTermBlocks() {
            return shortTermBlocks;
        }

        void reset() {
            Arrays.fill(ring, 0.0);
            ringPos = 0;
            slices = 0;
            momentary = shortTerm = maxMomentary = maxShortTerm = 0.0;
            gating = new double[0];
            shortTermBlocks = new double[0];
        }

        private static double[] append(double[] list, double v) {
            double[] longer = Arrays.copyOf(list, list.length + 1);
            longer[list.length] = v;
            return longer;
        }
    }
}
