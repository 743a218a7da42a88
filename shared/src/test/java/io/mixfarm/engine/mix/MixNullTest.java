package io.mixfarm.engine.mix;

import io.mixfarm.engine.dsp.Pan;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Null tests: what goes in at unity comes out unchanged, and stems at unity sum exactly. */
class MixNullTest {

    private static final int RATE = 48000;

    @Test
    void aUnityStripReturnsItsInputExactly() throws Exception {
        double[] left = Signals.noise(100_000, 0.9, 1);
        double[] right = Signals.noise(100_000, 0.9, 2);
        MixGraph graph = new MixGraph(RATE, List.of(stem("s", StripSettings.NEUTRAL, left, right)), List.of());
        CaptureWriter out = CaptureWriter.render(graph, 2);
        assertArrayEquals(left, out.left(), 0.0);
        assertArrayEquals(right, out.right(), 0.0);
    }

    @Test
    void aUnityGroupBusReturnsItsInputExactly() throws Exception {
        double[] left = Signals.noise(50_000, 0.5, 3);
        double[] right = Signals.noise(50_000, 0.5, 4);
        StemNode stem = new StemNode("s", ArrayReader.source(RATE, left, right), StripSettings.NEUTRAL, "drums", List.of());
        MixGraph graph = new MixGraph(RATE, List.of(stem), List.of(BusNode.group("drums")));
        CaptureWriter out = CaptureWriter.render(graph, 1);
        assertArrayEquals(left, out.left(), 0.0);
        assertArrayEquals(right, out.right(), 0.0);
    }

    @Test
    void stemsAtUnityAndCentreSumToTheSampleWiseSum() throws Exception {
        int frames = 200_000;
        List<StemNode> stems = new ArrayList<>();
        double[] expectedL = new double[frames];
        double[] expectedR = new double[frames];
        double centre = Pan.leftGain(0);
        for (int s = 0; s < 16; s++) {
            // Different lengths: the shorter stems are padded with silence.
            int length = frames - s * 5000;
            double[] a = Signals.noise(length, 0.25, 10 + s);
            if (s % 3 == 0) {
                stems.add(stem("mono" + s, StripSettings.NEUTRAL, a));
                for (int i = 0; i < length; i++) {
                    expectedL[i] += a[i] * centre;
                    expectedR[i] += a[i] * centre;
                }
            } else {
                double[] b = Signals.noise(length, 0.25, 100 + s);
                stems.add(stem("stereo" + s, StripSettings.NEUTRAL, a, b));
                for (int i = 0; i < length; i++) {
                    expectedL[i] += a[i];
                    expectedR[i] += b[i];
                }
            }
        }
        CaptureWriter out = CaptureWriter.render(new MixGraph(RATE, stems, List.of()), 2);
        assertEquals(frames, out.left().length, "as long as the longest stem");
        double residualL = Signals.residualDb(out.left(), expectedL);
        double residualR = Signals.residualDb(out.right(), expectedR);
        assertTrue(residualL < -120 && residualR < -120, "residual " + residualL + " / " + residualR + " dB");
    }

    @Test
    void panLawIsConstantPowerAndExact() throws Exception {
        double[] x = Signals.noise(20_000, 0.8, 5);
        for (double pan : new double[] {-1, -0.5, -0.1, 0, 0.3, 0.75, 1}) {
            MixGraph graph = new MixGraph(RATE, List.of(stem("m", StripSettings.builder().pan(pan).build(), x)), List.of());
            CaptureWriter out = CaptureWriter.render(graph, 1);
            double gl = Math.sin((1 - pan) * Math.PI / 4);
            double gr = Math.sin((1 + pan) * Math.PI / 4);
            double[] expectedL = new double[x.length];
            double[] expectedR = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                expectedL[i] = x[i] * gl;
                expectedR[i] = x[i] * gr;
            }
            assertArrayEquals(expectedL, out.left(), 0.0, "left at pan " + pan);
            assertArrayEquals(expectedR, out.right(), 0.0, "right at pan " + pan);
            assertEquals(1.0, gl * gl + gr * gr, 1e-15, "constant power at pan " + pan);
        }
        assertEquals(-3.0103, 20 * Math.log10(Pan.leftGain(0)), 1e-4, "centre is -3 dB");
    }

    @Test
    void balanceAndWidthAreExact() throws Exception {
        double[] l = Signals.noise(20_000, 0.5, 6);
        double[] r = Signals.noise(20_000, 0.5, 7);
        for (double width : new double[] {0, 0.5, 1, 1.5, 2}) {
            for (double balance : new double[] {-1, -0.4, 0, 0.5}) {
                StripSettings strip = StripSettings.builder().balance(balance).width(width).build();
                CaptureWriter out = CaptureWriter.render(new MixGraph(RATE, List.of(stem("s", strip, l, r)), List.of()), 1);
                // cos(|b|·π/2) on the side balanced away from, as sin((1 − |b|)·π/2): exactly 0 at ±1.
                double gl = balance > 0 ? Math.sin((1 - balance) * Math.PI / 2) : 1;
                double gr = balance < 0 ? Math.sin((1 + balance) * Math.PI / 2) : 1;
                double[] expectedL = new double[l.length];
                double[] expectedR = new double[l.length];
                for (int i = 0; i < l.length; i++) {
                    double bl = l[i] * gl;
                    double br = r[i] * gr;
                    double mid = 0.5 * (bl + br);
                    double side = 0.5 * (bl - br) * width;
                    // Width 1 is the identity, exactly (not to rounding).
                    expectedL[i] = width == 1 ? bl : mid + side;
                    expectedR[i] = width == 1 ? br : mid - side;
                }
                String where = "width " + width + ", balance " + balance;
                assertArrayEquals(expectedL, out.left(), 0.0, "left, " + where);
                assertArrayEquals(expectedR, out.right(), 0.0, "right, " + where);
                if (balance == -1 && width == 1) {
                    assertArrayEquals(new double[l.length], out.right(), 0.0, "hard left balance silences the right exactly");
                }
            }
        }
    }

    @Test
    void trimPolarityAndFaderAreExactGains() throws Exception {
        double[] l = Signals.noise(10_000, 0.5, 8);
        double[] r = Signals.noise(10_000, 0.5, 9);
        StripSettings strip = StripSettings.builder().trimDb(-6).invertPolarity(true).faderDb(3.5).build();
        CaptureWriter out = CaptureWriter.render(new MixGraph(RATE, List.of(stem("s", strip, l, r)), List.of()), 1);
        double trim = -Math.pow(10, -6 / 20.0);
        double fader = Math.pow(10, 3.5 / 20.0);
        for (int i = 0; i < l.length; i++) {
            assertEquals(l[i] * trim * fader, out.left()[i], 1e-15);
            assertEquals(r[i] * trim * fader, out.right()[i], 1e-15);
        }
    }

    static StemNode stem(String id, StripSettings strip, double[]... channels) {
        return new StemNode(id, ArrayReader.source(RATE, channels), strip, null, List.of());
    }
}
