package io.mixfarm.engine.master;

import io.mixfarm.engine.dsp.Compressor;
import io.mixfarm.engine.mix.EqBandSettings;
import io.mixfarm.engine.loudness.LoudnessMeter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreLimiterChainTest {

    private static final int FS = 48_000;

    private static double[][] run(MasteringSettings settings, double[][] audio) {
        PreLimiterChain chain = new PreLimiterChain(settings);
        chain.prepare(FS, 4096);
        double[][] out = {audio[0].clone(), audio[1].clone()};
        double[][] block = new double[2][4096];
        for (int pos = 0; pos < out[0].length; pos += 4096) {
            int n = Math.min(4096, out[0].length - pos);
            for (int c = 0; c < 2; c++) {
                System.arraycopy(out[c], pos, block[c], 0, n);
            }
            chain.process(block, n);
            for (int c = 0; c < 2; c++) {
                System.arraycopy(block[c], 0, out[c], pos, n);
            }
        }
        return out;
    }

    @Test
    void emptyChainIsBitExact() {
        double[][] audio = TestMaterial.make(TestMaterial.Kind.DENSE, FS, 2, 1);
        double[][] out = run(MasteringSettings.of(Preset.STREAMING), audio);
        assertArrayEquals(audio[0], out[0], 0.0);
        assertArrayEquals(audio[1], out[1], 0.0);
    }

    @Test
    void widthZeroFoldsToMonoAndABellBoostsItsBand() {
        double[][] audio = {LimiterHarness.sine(FS, 1000, 0.1, 0, FS), LimiterHarness.sine(FS, 1000, 0.05, 1, FS)};
        MasteringSettings settings = MasteringSettings.of(Preset.STREAMING).withProcessing(
                List.of(new EqBandSettings(EqBandSettings.Shape.BELL, 1000, 6, 1.0)), null, null, 0.0);
        double[][] out = run(settings, audio);
        assertArrayEquals(out[0], out[1], 1e-15, "width 0 is mono");
        double[][] flat = run(MasteringSettings.of(Preset.STREAMING).withProcessing(List.of(), null, null, 0.0), audio);
        double boost = MultibandCompressorTest.toneDb(out[0], FS / 2, FS / 2, 1000, FS)
                - MultibandCompressorTest.toneDb(flat[0], FS / 2, FS / 2, 1000, FS);
        assertEquals(6.0, boost, 0.01);
    }

    @Test
    void masteringWithTheWholeChainStillHitsTargetAndCeiling() throws Exception {
        Compressor.Settings glue = new Compressor.Settings(-20, 2, 6, 20, 200, 0, Compressor.Detection.RMS);
        Compressor.Settings band = new Compressor.Settings(-24, 3, 6, 10, 150, 0, Compressor.Detection.PEAK);
        MasteringSettings settings = MasteringSettings.of(Preset.APPLE).withProcessing(
                List.of(new EqBandSettings(EqBandSettings.Shape.LOW_SHELF, 100, -2, 0.7), new EqBandSettings(EqBandSettings.Shape.HIGH_SHELF, 8000, 2, 0.7)),
                glue, new MultibandSettings(150, 4000, band, null, band), 1.3);
        double[][] audio = TestMaterial.make(TestMaterial.Kind.DENSE, FS, 15, 5);
        MemoryAudio.Capture capture = new MemoryAudio.Capture();
        SongReport report = new SongMastering(settings).master(MemoryAudio.source("chain", FS, audio), capture).report();
        LoudnessMeter meter = new LoudnessMeter(FS, 2);
        meter.process(capture.audio, capture.audio[0].length);
        assertEquals(-16.0, meter.integratedLufs(), 0.05);
        assertTrue(meter.truePeakDbtp() <= -1.0);
        assertEquals(MasteringOutcome.TARGET_REACHED, report.outcome());
    }
}
