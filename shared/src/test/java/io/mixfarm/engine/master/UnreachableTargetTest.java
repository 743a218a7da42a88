package io.mixfarm.engine.master;

import io.mixfarm.engine.loudness.LoudnessMeter;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A quiet, very dynamic master is not squashed to reach a loud target. */
class UnreachableTargetTest {

    private static final int FS = 44_100;

    /** A soft pad near −34 LUFS with a few loud hits peaking near −3 dBFS: PLR about 31 dB. */
    private static double[][] quietDynamic() {
        double[][] audio = TestMaterial.make(TestMaterial.Kind.DENSE, FS, 24, 7);
        for (double[] ch : audio) {
            for (int i = 0; i < ch.length; i++) {
                ch[i] *= 0.3;
            }
        }
        for (int hit = FS; hit < audio[0].length; hit += 5 * FS) {
            for (int i = 0; i < FS / 10; i++) {
                double v = 0.7 * Math.sin(2 * Math.PI * 80 * i / FS) * Math.exp(-i * 40.0 / FS);
                audio[0][hit + i] += v;
                audio[1][hit + i] += v;
            }
        }
        return audio;
    }

    @Test
    void limitPolicyDeliversAtTheLoudestLevelWithinTheAllowedLimiting() throws Exception {
        MasteringSettings settings = MasteringSettings.of(Preset.STREAMING).withLimits(3, UnreachablePolicy.LIMIT);
        MemoryAudio.Capture capture = new MemoryAudio.Capture();
        SongReport report = new SongMastering(settings).master(MemoryAudio.source("quiet", FS, quietDynamic()), capture)
                .report();
        assertEquals(MasteringOutcome.LIMITED_SHORT_OF_TARGET, report.outcome());
        assertTrue(report.output().integratedLufs() < -14.5, "short of the target: " + report.output().integratedLufs());
        assertTrue(report.limiterMaxReductionDb() <= 3.1, "limiting " + report.limiterMaxReductionDb());
        assertTrue(report.limiterMaxReductionDb() >= 2.5, "uses the allowance: " + report.limiterMaxReductionDb());
        LoudnessMeter meter = new LoudnessMeter(FS, 2);
        meter.process(capture.audio, capture.audio[0].length);
        assertEquals(report.output().integratedLufs(), meter.integratedLufs(), 1e-9, "delivered what was reported");
        assertTrue(meter.truePeakDbtp() <= -1.0);
    }

    @Test
    void reportPolicyDeliversNothingAndReportsTheReachableLoudness() throws Exception {
        MasteringSettings settings = MasteringSettings.of(Preset.STREAMING).withLimits(3, UnreachablePolicy.REPORT);
        MemoryAudio.Capture capture = new MemoryAudio.Capture();
        SongReport report = new SongMastering(settings).master(MemoryAudio.source("quiet", FS, quietDynamic()), capture)
                .report();
        assertEquals(MasteringOutcome.NOT_DELIVERED, report.outcome());
        assertEquals(0, capture.opened, "nothing written");
        assertTrue(report.output().integratedLufs() < -14.5);
        assertTrue(report.limiterMaxReductionDb() <= 3.1);
    }

    @Test
    void forcePolicyAppliesTheLimitingTheTargetNeedsAndSaysSo() throws Exception {
        MasteringSettings settings = MasteringSettings.of(Preset.STREAMING).withLimits(3, UnreachablePolicy.FORCE);
        MemoryAudio.Capture capture = new MemoryAudio.Capture();
        SongReport report = new SongMastering(settings).master(MemoryAudio.source("quiet", FS, quietDynamic()), capture)
                .report();
        assertEquals(MasteringOutcome.TARGET_REACHED_BEYOND_LIMIT, report.outcome());
        assertTrue(report.limiterMaxReductionDb() > 3.1, "more than the allowance: " + report.limiterMaxReductionDb());
        LoudnessMeter meter = new LoudnessMeter(FS, 2);
        meter.process(capture.audio, capture.audio[0].length);
        assertEquals(-14.0, meter.integratedLufs(), 0.1, "on target");
        assertTrue(meter.truePeakDbtp() <= -1.0, "under the ceiling: " + meter.truePeakDbtp());
    }

    @Test
    void silenceAndClipsShorterThanAGatingBlockAreDeliveredAtUnityUnderTheCeiling() throws Exception {
        double[] loud = LimiterHarness.sine(FS, 440, 1.5, 0, FS / 5); // 0.2 s, 3.5 dB over full scale
        for (double[][] audio : new double[][][] {{new double[FS], new double[FS]}, {loud, loud.clone()}}) {
            MemoryAudio.Capture capture = new MemoryAudio.Capture();
            SongReport report = new SongMastering(MasteringSettings.of(Preset.STREAMING))
                    .master(MemoryAudio.source("short", FS, audio), capture).report();
            assertEquals(MasteringOutcome.SILENT, report.outcome());
            assertEquals(0.0, report.gainDb());
            assertEquals(audio[0].length, capture.audio[0].length);
            assertTrue(LimiterHarness.truePeakDbtp(capture.audio, FS) <= -1.0);
        }
    }

    @Test
    void enoughAllowanceReachesTheSameTarget() throws Exception {
        MasteringSettings settings = MasteringSettings.of(Preset.STREAMING).withLimits(24, UnreachablePolicy.REPORT);
        SongReport report = new SongMastering(settings).master(MemoryAudio.source("quiet", FS, quietDynamic()),
                new MemoryAudio.Capture()).report();
        assertEquals(MasteringOutcome.TARGET_REACHED, report.outcome());
        assertEquals(-14.0, report.output().integratedLufs(), 0.05);
    }
}
