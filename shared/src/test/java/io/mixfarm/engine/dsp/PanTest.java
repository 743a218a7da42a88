package io.mixfarm.engine.dsp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PanTest {

    @Test
    void centreIsMinus3dBOnBothSides() {
        assertEquals(-3.0103, Decibels.fromGain(Pan.leftGain(0)), 1e-4);
        assertEquals(Math.sqrt(0.5), Pan.leftGain(0), 1e-15);
        assertEquals(Math.sqrt(0.5), Pan.rightGain(0), 1e-15);
    }

    @Test
    void hardPansAreExact() {
        assertEquals(1.0, Pan.leftGain(-1), 0);
        assertEquals(0.0, Pan.rightGain(-1), 0);
        assertEquals(0.0, Pan.leftGain(1), 0);
        assertEquals(1.0, Pan.rightGain(1), 0);
    }

    @Test
    void lawIsConstantPowerAndFollowsCosSin() {
        for (double p = -1; p <= 1; p += 0.05) {
            double theta = (p + 1) * Math.PI / 4;
            assertEquals(Math.cos(theta), Pan.leftGain(p), 1e-15);
            assertEquals(Math.sin(theta), Pan.rightGain(p), 1e-15);
            assertEquals(1.0, Pan.leftGain(p) * Pan.leftGain(p) + Pan.rightGain(p) * Pan.rightGain(p), 1e-15);
            assertEquals(Pan.leftGain(p), Pan.rightGain(-p), 0);
        }
    }

    @Test
    void monoToStereoAppliesTheGains() {
        double[] mono = {1, -0.5, 0.25};
        double[] l = new double[3];
        double[] r = new double[3];
        Pan.monoToStereo(mono, l, r, 3, 0.5);
        for (int i = 0; i < 3; i++) {
            assertEquals(mono[i] * Math.cos(1.5 * Math.PI / 4), l[i], 1e-15);
            assertEquals(mono[i] * Math.sin(1.5 * Math.PI / 4), r[i], 1e-15);
        }
    }

    @Test
    void balanceIsUnityAtCentreAndConstantPowerOnTheAttenuatedSide() {
        assertEquals(1.0, Pan.balanceLeftGain(0), 0);
        assertEquals(1.0, Pan.balanceRightGain(0), 0);
        assertEquals(1.0, Pan.balanceRightGain(0.5), 0);
        assertEquals(-3.0103, Decibels.fromGain(Pan.balanceLeftGain(0.5)), 1e-4);
        assertEquals(-3.0103, Decibels.fromGain(Pan.balanceRightGain(-0.5)), 1e-4);
        assertEquals(0.0, Pan.balanceLeftGain(1), 0.0, "hard balance silences the other side exactly");
        assertEquals(0.0, Pan.balanceRightGain(-1), 0.0, "hard balance silences the other side exactly");
        double[] l = {0.8};
        double[] r = {0.6};
        Pan.balance(l, r, 1, -0.25);
        assertEquals(0.8, l[0], 0);
        assertEquals(0.6 * Math.cos(0.25 * Math.PI / 2), r[0], 1e-16);
    }

    @Test
    void widthScalesTheSideSignal() {
        double[] l = {1.0, 0.3};
        double[] r = {0.2, -0.7};
        Pan.width(l, r, 2, 1);
        assertEquals(1.0, l[0], 0);
        assertEquals(-0.7, r[1], 0);
        Pan.width(l, r, 2, 0);
        assertEquals(0.6, l[0], 1e-15);
        assertEquals(0.6, r[0], 1e-15);
        assertEquals(-0.2, l[1], 1e-15);
        assertEquals(-0.2, r[1], 1e-15);
        double[] a = {1.0};
        double[] b = {0.2};
        Pan.width(a, b, 1, 2); // M = 0.6, S = 0.4 → 0.8
        assertEquals(1.4, a[0], 1e-15);
        assertEquals(-0.2, b[0], 1e-15);
    }

    @Test
    void rejectsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> Pan.leftGain(1.01));
        assertThrows(IllegalArgumentException.class, () -> Pan.balanceLeftGain(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Pan.width(new double[1], new double[1], 1, 2.5));
    }
}
