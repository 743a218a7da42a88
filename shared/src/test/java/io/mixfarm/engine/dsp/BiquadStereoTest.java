package io.mixfarm.engine.dsp;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The fused stereo path computes exactly what the per-channel path computes. */
class BiquadStereoTest {

    private static final double FS = 44100;

    @Test
    void stereoBlocksMatchChannelByChannelProcessingBitForBit() {
        BiquadCoefficients[] stages = {
                BiquadCoefficients.highPass(FS, 40, 0.54), BiquadCoefficients.highPass(FS, 40, 1.31),
                BiquadCoefficients.peaking(FS, 2500, 2, -4), BiquadCoefficients.notch(FS, 60, 10)};
        BiquadFilter stereo = new BiquadFilter(stages);
        stereo.prepare(FS, 1000, 2);
        BiquadFilter left = new BiquadFilter(stages);
        left.prepare(FS, 1000, 1);
        BiquadFilter right = new BiquadFilter(stages);
        right.prepare(FS, 1000, 1);
        Random random = new Random(3);
        for (int block = 0; block < 50; block++) {
            int frames = 1 + random.nextInt(1000);
            double[][] x = new double[2][frames];
            for (double[] ch : x) {
                for (int i = 0; i < frames; i++) {
                    ch[i] = random.nextGaussian() * (block % 7 == 0 ? 1e-25 : 0.3); // tiny blocks exercise the snap
                }
            }
            double[] l = x[0].clone();
            double[] r = x[1].clone();
            stereo.process(x, frames);
            left.processChannel(0, l, 0, frames);
            right.processChannel(0, r, 0, frames);
            assertArrayEquals(l, x[0], 0.0, "left, block " + block);
            assertArrayEquals(r, x[1], 0.0, "right, block " + block);
        }
    }
}
