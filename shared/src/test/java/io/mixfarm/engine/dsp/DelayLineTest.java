package io.mixfarm.engine.dsp;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DelayLineTest {

    @Test
    void eachChannelIsDelayedByExactlyItsFramesAcrossBlocks() {
        DelayLine line = new DelayLine(1000);
        line.prepare(48000, 300, 3);
        line.setDelay(0, 0);
        line.setDelay(1, 1);
        line.setDelay(2, 1000);
        Random rnd = new Random(7);
        int n = 5000;
        double[][] in = new double[3][n];
        for (double[] ch : in) {
            for (int i = 0; i < n; i++) {
                ch[i] = rnd.nextGaussian();
            }
        }
        double[][] out = new double[3][n];
        int[] blocks = {1, 299, 300, 17, 256};
        int pos = 0;
        for (int b = 0; pos < n; b++) {
            int len = Math.min(blocks[b % blocks.length], n - pos);
            double[][] buf = new double[3][len];
            for (int ch = 0; ch < 3; ch++) {
                System.arraycopy(in[ch], pos, buf[ch], 0, len);
            }
            line.process(buf, len);
            for (int ch = 0; ch < 3; ch++) {
                System.arraycopy(buf[ch], 0, out[ch], pos, len);
            }
            pos += len;
        }
        int[] delays = {0, 1, 1000};
        for (int ch = 0; ch < 3; ch++) {
            for (int i = 0; i < n; i++) {
                double expected = i >= delays[ch] ? in[ch][i - delays[ch]] : 0;
                assertEquals(expected, out[ch][i], 0, "channel " + ch + " sample " + i);
            }
        }
    }

    @Test
    void rejectsDelaysBeyondTheMaximum() {
        DelayLine line = new DelayLine(10);
        line.prepare(48000, 64, 1);
        assertThrows(IllegalArgumentException.class, () -> line.setDelay(11));
    }
}
