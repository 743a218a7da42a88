package io.mixfarm.engine.master;

import io.mixfarm.engine.loudness.LoudnessMeter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SongMasteringTest {

    @ParameterizedTest
    @EnumSource(TestMaterial.Kind.class)
    void reachesStreamingTargetUnderTheCeiling(TestMaterial.Kind kind) throws Exception {
        int fs = 48_000;
        double[][] audio = TestMaterial.make(kind, fs, 20, kind.ordinal());
        MasteringSettings settings = MasteringSettings.of(Preset.STREAMING).withLimits(24, UnreachablePolicy.LIMIT);
        MemoryAudio.Capture capture = new MemoryAudio.Capture();
        MasteredSong song = new SongMastering(settings).master(MemoryAudio.source(kind.name(), fs, audio), capture);
        SongReport r = song.report();
        LoudnessMeter meter = new LoudnessMeter(fs, 2);
        meter.process(capture.audio, capture.audio[0].length);
        assertEquals(audio[0].length, capture.audio[0].length, "length kept");
        assertEquals(MasteringOutcome.TARGET_REACHED, r.outcome());
        assertEquals(-14.0, meter.integratedLufs(), 0.05);
        assertTrue(meter.truePeakDbtp() <= -1.0, "true peak " + meter.truePeakDbtp());
        assertTrue(r.renders() <= 3, "analysis and at most two renders, took " + r.renders());
        assertTrue(capture.opened >= 1, "written");
    }
}
