package io.mixfarm.engine.loudness;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoudnessMeterTest {

    private static final int FS = 48_000;

    @Test
    void resultsDoNotDependOnBlockSize() {
        double[][] signal = AlbumLoudnessTest.noise(11, 8.0, -20);
        signal[0][FS] = 0.99; // a lone spike for the peak meters
        LoudnessSummary reference = measureInBlocks(signal, signal[0].length);
        for (int block : new int[] {1, 37, 480, 4096}) {
            LoudnessSummary s = measureInBlocks(signal, block);
            assertEquals(reference.integratedLufs(), s.integratedLufs(), 1e-9, "I, blocks of " + block);
            assertEquals(reference.loudnessRangeLu(), s.loudnessRangeLu(), 1e-9, "LRA, blocks of " + block);
            assertEquals(reference.maxMomentaryLufs(), s.maxMomentaryLufs(), 1e-9, "max M, blocks of " + block);
            assertEquals(reference.samplePeakDbfs(), s.samplePeakDbfs(), 0.0, "sample peak, blocks of " + block);
            assertEquals(reference.truePeakDbtp(), s.truePeakDbtp(), 0.0, "true peak, blocks of " + block);
        }
    }

    /**
     * Two weighted channels are K-weighted in one loop; each channel's arithmetic must be exactly
     * that of a channel filtered on its own (a third, weightless channel keeps a meter on the
     * one-channel-at-a-time path), bit for bit, whatever the blocks.
     */
    @Test
    void stereoFilteringReadsExactlyWhatChannelByChannelFilteringReads() {
        double[][] stereo = AlbumLoudnessTest.noise(5, 7.0, -18);
        double[][] withSilentThird = {stereo[0], stereo[1], new double[stereo[0].length]};
        for (int block : new int[] {1, 37, 480, 4096, stereo[0].length}) {
            LoudnessMeter pair = new LoudnessMeter(FS, new double[] {1, 1}, MeterOptions.withoutTruePeak());
            LoudnessMeter single = new LoudnessMeter(FS, new double[] {1, 1, 0}, MeterOptions.withoutTruePeak());
            TestSignals.feed(pair, stereo, block, t -> { });
            TestSignals.feed(single, withSilentThird, block, t -> { });
            String what = "blocks of " + block;
            assertArrayEquals(energies(single.gatingBlocks()), energies(pair.gatingBlocks()), what);
            assertArrayEquals(energies(single.shortTermBlocks()), energies(pair.shortTermBlocks()), what);
            assertEquals(single.maxMomentaryLufs(), pair.maxMomentaryLufs(), 0.0, what);
            assertEquals(single.maxShortTermLufs(), pair.maxShortTermLufs(), 0.0, what);
            assertEquals(single.integratedLufs(), pair.integratedLufs(), 0.0, what);
        }
    }

    private static double[] energies(GatingBlocks blocks) {
        double[] e = new double[blocks.count()];
        for (int i = 0; i < e.length; i++) {
            e[i] = blocks.energy(i);
        }
        return e;
    }

    @Test
    void digitalSilenceReadsMinusInfinity() {
        LoudnessMeter meter = TestSignals.measure(FS, new double[2][FS * 5]);
        LoudnessSummary s = meter.summary();
        assertEquals(Double.NEGATIVE_INFINITY, s.integratedLufs());
        assertEquals(Double.NEGATIVE_INFINITY, s.maxMomentaryLufs());
        assertEquals(Double.NEGATIVE_INFINITY, meter.shortTermLufs());
        assertEquals(0.0, s.loudnessRangeLu());
        assertEquals(Double.NEGATIVE_INFINITY, s.samplePeakDbfs());
        assertEquals(Double.NEGATIVE_INFINITY, s.truePeakDbtp());
        assertEquals(5.0, s.seconds(), 1e-12);
    }

    @Test
    void resetMakesTheMeterAsNew() {
        double[][] signal = AlbumLoudnessTest.noise(12, 4.0, -18);
        LoudnessMeter meter = TestSignals.measure(FS, AlbumLoudnessTest.noise(13, 3.0, -30));
        meter.reset();
        TestSignals.feed(meter, signal);
        assertEquals(TestSignals.measure(FS, signal).summary(), meter.summary());
    }

    @Test
    void momentaryCountsTheTimeBeforeTheStartAsSilence() {
        LoudnessMeter meter = TestSignals.measure(FS, TestSignals.onChannels(TestSignals.sine(FS, 997, -23, 0.2), 2));
        assertEquals(-26.0, meter.momentaryLufs(), 0.02, "200 ms of tone in a 400 ms window");
        assertEquals(Double.NEGATIVE_INFINITY, meter.integratedLufs(), "no complete gating block yet");
    }

    @Test
    void truePeakCanBeTurnedOff() {
        double[][] signal = AlbumLoudnessTest.noise(14, 2.0, -20);
        LoudnessMeter off = new LoudnessMeter(FS, 2, MeterOptions.withoutTruePeak());
        TestSignals.feed(off, signal);
        LoudnessMeter on = TestSignals.measure(FS, signal);
        assertTrue(Double.isNaN(off.truePeakDbtp()));
        assertTrue(Double.isNaN(off.truePeakDbtp(0)));
        assertEquals(on.samplePeakDbfs(), off.samplePeakDbfs(), 0.0);
        assertEquals(on.integratedLufs(), off.integratedLufs(), 0.0);
        assertTrue(on.truePeakDbtp() >= on.samplePeakDbfs());
    }

    @Test
    void fivePointOneLeavesLfeOutOfLoudnessButNotOutOfPeaks() {
        double[] tone = TestSignals.sine(FS, 1000, -23, 5);
        double[] silent = new double[tone.length];
        double[] lfe = TestSignals.sine(FS, 60, -1, 5);
        LoudnessMeter meter = TestSignals.measure(FS, new double[][] {tone, tone, silent, lfe, silent, silent});
        assertEquals(-23.0, meter.integratedLufs(), 0.05, "L and R only");
        assertEquals(-1.0, meter.samplePeakDbfs(3), 0.01, "LFE peak");
        assertEquals(-1.0, meter.samplePeakDbfs(), 0.01, "overall peak includes LFE");
        assertEquals(Double.NEGATIVE_INFINITY, meter.samplePeakDbfs(2));
    }

    @Test
    void surroundChannelsWeigh141() {
        double[] tone = TestSignals.sine(FS, 1000, -20, 5);
        double[] silent = new double[tone.length];
        LoudnessMeter front = TestSignals.measure(FS, new double[][] {tone, silent, silent, silent, silent});
        LoudnessMeter surround = TestSignals.measure(FS, new double[][] {silent, silent, silent, tone, silent});
        assertEquals(10 * Math.log10(1.41), surround.integratedLufs() - front.integratedLufs(), 1e-6);
    }

    @Test
    void explicitWeightsAreUsed() {
        double[] tone = TestSignals.sine(FS, 1000, -20, 5);
        LoudnessMeter plain = new LoudnessMeter(FS, new double[] {1.0}, MeterOptions.DEFAULT);
        LoudnessMeter doubled = new LoudnessMeter(FS, new double[] {2.0}, MeterOptions.DEFAULT);
        TestSignals.feed(plain, new double[][] {tone});
        TestSignals.feed(doubled, new double[][] {tone});
        assertEquals(10 * Math.log10(2), doubled.integratedLufs() - plain.integratedLufs(), 1e-9);
    }

    @Test
    void defaultLayoutsCoverOneToEightChannels() {
        assertEquals(ChannelLayout.FIVE_ONE, ChannelLayout.forChannelCount(6));
        assertEquals(0.0, ChannelLayout.FIVE_ONE.weights()[3], "LFE");
        assertEquals(1.41, ChannelLayout.QUAD.weights()[2]);
        assertEquals(1.0, ChannelLayout.SEVEN_ONE.weights()[4], "rear surround at ~135-150 degrees");
        assertEquals(1.41, ChannelLayout.SEVEN_ONE.weights()[6], "side surround at ~90-110 degrees");
        for (int channels = 1; channels <= 8; channels++) {
            assertEquals(channels, ChannelLayout.forChannelCount(channels).channels());
        }
        assertThrows(IllegalArgumentException.class, () -> ChannelLayout.forChannelCount(9));
    }

    @Test
    void invalidConfigurationAndInputAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LoudnessMeter(4_000, 2));
        assertThrows(IllegalArgumentException.class, () -> new LoudnessMeter(400_000, 2));
        assertThrows(IllegalArgumentException.class,
                () -> new LoudnessMeter(FS, new double[] {1.0, -1.0}, MeterOptions.DEFAULT));
        assertThrows(IllegalArgumentException.class,
                () -> new LoudnessMeter(FS, new double[0], MeterOptions.DEFAULT));
        LoudnessMeter meter = new LoudnessMeter(FS, 2);
        assertThrows(IllegalArgumentException.class, () -> meter.process(new double[1][480], 480));
        assertThrows(IllegalArgumentException.class, () -> meter.process(new double[2][480], 481));
        assertThrows(IllegalArgumentException.class, () -> meter.process(new double[2][480], -1));
    }

    @Test
    void unusualRatesStillGiveTenBlocksPerSecond() {
        for (int rate : new int[] {8_000, 11_025, 22_050, 44_100, 88_200, 384_000}) {
            double[] tone = TestSignals.sine(rate, 997, -23, 3.0);
            LoudnessMeter meter = TestSignals.measure(rate, TestSignals.onChannels(tone, 2));
            // below ~32 kHz the bilinear transform warps the shelf down (see KWeighting)
            assertEquals(-23.0, meter.integratedLufs(), rate >= 22_050 ? 0.05 : 0.25, rate + " Hz");
            assertTrue(Math.abs(meter.gatingBlocks().count() - 27) <= 1,
                    rate + " Hz: " + meter.gatingBlocks().count() + " blocks in 3 s");
        }
    }

    private static LoudnessSummary measureInBlocks(double[][] signal, int block) {
        LoudnessMeter meter = new LoudnessMeter(FS, signal.length);
        TestSignals.feed(meter, signal, block, t -> { });
        return meter.summary();
    }
}
