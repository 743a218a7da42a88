package io.mixfarm.engine.master;

import io.mixfarm.engine.loudness.LoudnessMeter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Target and ceiling accuracy over the synthesized corpus at 44.1, 48 and 96 kHz, checked with
 * this project's meter and cross-checked with ffmpeg's ebur128 filter (peak=true).
 */
class MasteringAccuracyTest {

    @TempDir
    Path dir;

    /** Worst figures over the corpus, printed once for the record (CI logs). */
    private static double worstOurs, worstFfmpeg, highestPeakOverCeiling = Double.NEGATIVE_INFINITY;

    @AfterAll
    static void printWorstCase() {
        System.out.printf("mastering corpus: worst |I - target| our meter %.3f LU, ffmpeg %.3f LU; "
                + "highest true peak relative to the ceiling %+.3f dB%n", worstOurs, worstFfmpeg, highestPeakOverCeiling);
    }

    static Stream<Arguments> corpus() {
        Stream.Builder<Arguments> cases = Stream.builder();
        int[] rates = {44_100, 48_000, 96_000};
        Preset[] presets = {Preset.STREAMING, Preset.BROADCAST, Preset.APPLE};
        for (TestMaterial.Kind kind : TestMaterial.Kind.values()) {
            for (int r = 0; r < rates.length; r++) {
                cases.add(Arguments.of(kind, rates[r], presets[(kind.ordinal() + r) % presets.length]));
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} at {1} Hz, {2}")
    @MethodSource("corpus")
    void integratedLoudnessOnTargetAndTruePeakUnderTheCeiling(TestMaterial.Kind kind, int fs, Preset preset)
            throws Exception {
        Ffmpeg.require();
        double[][] audio = TestMaterial.make(kind, fs, 15, 31L * kind.ordinal() + fs);
        MasteringSettings settings = MasteringSettings.of(preset).withLimits(24, UnreachablePolicy.LIMIT);
        MemoryAudio.Capture capture = new MemoryAudio.Capture();
        SongReport report = new SongMastering(settings)
                .master(MemoryAudio.source(kind.name(), fs, audio), capture).report();
        double target = preset.targetLufs();
        double ceiling = preset.ceilingDbtp();

        assertEquals(MasteringOutcome.TARGET_REACHED, report.outcome());
        LoudnessMeter meter = new LoudnessMeter(fs, 2);
        meter.process(capture.audio, capture.audio[0].length);
        assertEquals(target, meter.integratedLufs(), 0.05, "our meter");
        assertTrue(meter.truePeakDbtp() <= ceiling, "our meter's true peak " + meter.truePeakDbtp());
        assertEquals(meter.integratedLufs(), report.output().integratedLufs(), 1e-9, "report = meter");

        Ffmpeg.Reading ffmpeg = Ffmpeg.measure(Ffmpeg.writeWav(dir.resolve("master.wav"), fs, capture.audio));
        worstOurs = Math.max(worstOurs, Math.abs(meter.integratedLufs() - target));
        worstFfmpeg = Math.max(worstFfmpeg, Math.abs(ffmpeg.integratedLufs() - target));
        highestPeakOverCeiling = Math.max(highestPeakOverCeiling,
                Math.max(meter.truePeakDbtp(), ffmpeg.truePeakDbtp()) - ceiling);
        assertEquals(target, ffmpeg.integratedLufs(), 0.1, "ffmpeg ebur128");
        assertTrue(ffmpeg.truePeakDbtp() <= ceiling, "ffmpeg true peak " + ffmpeg.truePeakDbtp());
    }
}
