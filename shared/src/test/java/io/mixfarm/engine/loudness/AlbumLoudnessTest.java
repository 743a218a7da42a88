package io.mixfarm.engine.loudness;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Album loudness pools every file's gating blocks (ReplayGain 2.0, libebur128 global_multiple). */
class AlbumLoudnessTest {

    private static final int FS = 48_000;

    @Test
    void pooledBlocksOfTwoSectionsEqualTheirConcatenation() {
        double[][] a = noise(1, 20.0, -18);
        double[][] b = noise(2, 20.0, -26);
        LoudnessMeter meterA = TestSignals.measure(FS, a);
        LoudnessMeter meterB = TestSignals.measure(FS, b);
        LoudnessMeter whole = TestSignals.measure(FS, new double[][] {
                TestSignals.concat(a[0], b[0]), TestSignals.concat(a[1], b[1])});

        double album = Loudness.albumIntegratedLufs(List.of(meterA.gatingBlocks(), meterB.gatingBlocks()));
        assertEquals(whole.integratedLufs(), album, 0.01, "pooled blocks = one long programme");
        double averageOfFiles = (meterA.integratedLufs() + meterB.integratedLufs()) / 2;
        assertTrue(Math.abs(album - averageOfFiles) > 1.0,
                "album " + album + " is not the average of the file loudnesses " + averageOfFiles);

        double albumRange = Loudness.albumLoudnessRangeLu(List.of(meterA.shortTermBlocks(), meterB.shortTermBlocks()));
        assertEquals(whole.loudnessRangeLu(), albumRange, 0.5, "album LRA over pooled short-term values");
        assertTrue(albumRange > 6.0, "the two levels 8 LU apart give a wide range: " + albumRange);
    }

    @Test
    void relativeGateIsRecomputedOverThePool() {
        LoudnessMeter loud = TestSignals.measure(FS, noise(3, 20.0, -14));
        LoudnessMeter quiet = TestSignals.measure(FS, noise(4, 20.0, -40));
        assertEquals(-40.0, quiet.integratedLufs(), 0.5, "alone, the quiet file passes its own gate");
        double album = Loudness.albumIntegratedLufs(List.of(loud.gatingBlocks(), quiet.gatingBlocks()));
        assertEquals(loud.integratedLufs(), album, 1e-9,
                "pooled, the quiet file falls under the album's relative gate and drops out");
    }

    @Test
    void singleFileAlbumIsTheFileLoudness() {
        LoudnessMeter meter = TestSignals.measure(FS, noise(5, 12.0, -20));
        assertEquals(meter.integratedLufs(), Loudness.albumIntegratedLufs(List.of(meter.gatingBlocks())), 0.0);
        assertEquals(meter.loudnessRangeLu(), Loudness.albumLoudnessRangeLu(List.of(meter.shortTermBlocks())), 0.0);
    }

    @Test
    void blocksOfDifferentWindowsCannotBePooled() {
        LoudnessMeter meter = TestSignals.measure(FS, noise(6, 5.0, -20));
        assertThrows(IllegalArgumentException.class,
                () -> Loudness.albumIntegratedLufs(List.of(meter.gatingBlocks(), meter.shortTermBlocks())));
        assertThrows(IllegalArgumentException.class, () -> Loudness.integratedLufs(meter.shortTermBlocks()));
        assertThrows(IllegalArgumentException.class, () -> Loudness.albumIntegratedLufs(List.of()));
    }

    @Test
    void gatingBlocksAreAnImmutableSnapshot() {
        LoudnessMeter meter = TestSignals.measure(FS, noise(7, 2.05, -20));
        GatingBlocks blocks = meter.gatingBlocks();
        assertEquals(17, blocks.count(), "blocks end at 0.4, 0.5, ... 2.0 s; the incomplete last one is dropped");
        double[] copy = blocks.energies();
        copy[0] = 0;
        assertTrue(blocks.energy(0) > 0);
        TestSignals.feed(meter, noise(8, 1.0, -20));
        assertEquals(17, blocks.count(), "later processing does not change an earlier snapshot");
        assertEquals(27, meter.gatingBlocks().count());
    }

    /** Stereo white noise (independent channels) at roughly the given loudness. */
    static double[][] noise(long seed, double seconds, double lufs) {
        Random random = new Random(seed);
        int n = TestSignals.frames(FS, seconds);
        // white noise reads about 2.9 LU above its RMS level per channel, stereo +3 dB
        double rms = Math.pow(10, (lufs - 0.691 - 2.9 - 3.0 + 0.691) / 20);
        double[][] x = new double[2][n];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < n; i++) {
                x[c][i] = rms * random.nextGaussian();
            }
        }
        return x;
    }
}
