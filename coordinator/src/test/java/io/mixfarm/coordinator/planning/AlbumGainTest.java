package io.mixfarm.coordinator.planning;

import io.mixfarm.contract.LimiterLoss;
import io.mixfarm.contract.SongAnalysis;
import io.mixfarm.engine.loudness.GatingBlocks;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlbumGainTest {

    @Test
    void theGainMovesThePooledLoudnessToTheTarget() {
        // -23 LUFS for 300 blocks and -13 LUFS for 100: pooled, (3 + 10) / 4 units of -23 LUFS energy.
        AlbumGain gain = AlbumGain.compute(TestSessions.album(2, "{preset: apple, albumMode: true}"),
                List.of(TestSessions.steady(-23, 300, -20), TestSessions.steady(-13, 100, -9)));
        double album = -23 + 10 * Math.log10(13.0 / 4);
        assertEquals(album, gain.albumLufs(), 1e-9);
        assertEquals(-16.0, gain.targetLufs());
        assertEquals(-16.0 - album, gain.gainDb(), 1e-9);
        assertTrue(gain.reachable());
        assertNull(gain.limitedBy());
    }

    @Test
    void theMasteredAlbumLoudnessForReplayGainIsThePooledLoudnessAfterTheGainAndTheHighestHeldPeak() {
        var session = TestSessions.album(2, "{preset: streaming, albumMode: true}");
        List<SongAnalysis> analyses = List.of(TestSessions.steady(-23, 300, -20), TestSessions.steady(-13, 100, -9));
        var loudness = AlbumGain.masteredLoudness(session, analyses, 4.0);
        assertEquals(-23 + 10 * Math.log10(13.0 / 4) + 4.0, loudness.integratedLufs(), 1e-9,
                "no predicted limiter loss: the pooled loudness moved by the gain");
        // s2 would peak at -5 dBTP; s1 at -16.
        assertEquals(-5.0, loudness.truePeakDbtp(), 1e-9);
        var hot = AlbumGain.masteredLoudness(session, analyses, 12.0);
        assertTrue(hot.truePeakDbtp() < -1.0 && hot.truePeakDbtp() > -1.5,
                "held to the limiter's aim, under the -1 dBTP ceiling: " + hot.truePeakDbtp());
    }

    @Test
    void theSongWithTheLeastLimitingAllowanceCapsTheGain() {
        // Both at -30 LUFS: +16 dB to reach -14. s1 peaks at -3 dBTP: with a -1 dBTP ceiling and 4 dB
        // of limiting allowed, it takes at most -1 + 4 + 3 = 6 dB.
        AlbumGain gain = AlbumGain.compute(TestSessions.album(2, "{preset: streaming, albumMode: true, maxLimitingDb: 4}"),
                List.of(TestSessions.steady(-30, 100, -3), TestSessions.steady(-30, 100, -12)));
        assertEquals(6.0, gain.gainDb(), 1e-9);
        assertFalse(gain.reachable());
        assertEquals("s1", gain.limitedBy());
    }

    @Test
    void theGainAllowsForThePredictedLimiterLoss() {
        // Both songs at -30 LUFS, target -14: +16 dB before limiting. s1's limiter takes half of every
        // dB above +10 (loss = -(g - 10) / 2); s2 has no prediction (an older worker) and counts as
        // unlimited. With x = g - 16 and u = 10^(x/20), the pooled energy on target reads
        // u^2/2 + 10^(-0.3) u/2 = 1, so u = (-c + sqrt(c^2 + 8)) / 2 with c = 10^(-0.3).
        List<SongAnalysis> analyses = List.of(withLoss(TestSessions.steady(-30, 100, -40), halfAbove(10)),
                TestSessions.steady(-30, 100, -40));
        AlbumGain gain = AlbumGain.compute(TestSessions.album(2, "{preset: streaming, albumMode: true}"), analyses);
        double c = Math.pow(10, -0.3);
        double expected = 16 + 20 * Math.log10((-c + Math.sqrt(c * c + 8)) / 2);
        assertEquals(-30.0, gain.albumLufs(), 1e-9, "the album loudness is still the one before the gain");
        assertEquals(expected, gain.gainDb(), 1e-4);
        assertTrue(gain.gainDb() > 17.4, "the limiter loss raises the gain: " + gain.gainDb());
        assertTrue(gain.reachable());
        List<GatingBlocks> blocks = analyses.stream().map(a -> a.gating().toGatingBlocks()).toList();
        assertEquals(-14.0, AlbumGain.predictedAlbumLufs(blocks, analyses, gain.gainDb()), 1e-4,
                "the pooled prediction lands on target");
        assertTrue(AlbumGain.predictedAlbumLufs(blocks, analyses, 16.0) < -14.4, "the plain gain would fall short");
    }

    @Test
    void aLossThatNeverBitesLeavesThePlainGainAndTheCapStillHolds() {
        // The loss starts above +20 dB: at +16 nothing is limited, so the plain gain stands exactly.
        AlbumGain plain = AlbumGain.compute(TestSessions.album(2, "{preset: streaming, albumMode: true}"),
                List.of(withLoss(TestSessions.steady(-30, 100, -40), halfAbove(20)), TestSessions.steady(-30, 100, -40)));
        assertEquals(16.0, plain.gainDb(), 1e-9);
        // The solved gain (above +16) is capped by s1's allowance: -1 + 4 + 3 = 6 dB.
        AlbumGain capped = AlbumGain.compute(
                TestSessions.album(2, "{preset: streaming, albumMode: true, maxLimitingDb: 4}"),
                List.of(withLoss(TestSessions.steady(-30, 100, -3), halfAbove(0)), TestSessions.steady(-30, 100, -12)));
        assertEquals(6.0, capped.gainDb(), 1e-9);
        assertFalse(capped.reachable());
        assertEquals("s1", capped.limitedBy());
    }

    /** A loss of half of every dB of gain above {@code kneeDb}, on a 0..30 dB grid. */
    private static LimiterLoss halfAbove(double kneeDb) {
        double[] loss = new double[61];
        for (int i = 0; i < loss.length; i++) {
            loss[i] = Math.min(0.0, -0.5 * (i * 0.5 - kneeDb));
        }
        return new LimiterLoss(0.0, 0.5, loss);
    }

    private static SongAnalysis withLoss(SongAnalysis a, LimiterLoss loss) {
        return new SongAnalysis(a.integratedLufs(), a.loudnessRangeLu(), a.truePeakDbtp(), a.gating(), a.shortTerm(),
                loss);
    }

    @Test
    void aSilentAlbumGetsNoGain() {
        AlbumGain gain = AlbumGain.compute(TestSessions.album(1, "{albumMode: true}"),
                List.of(TestSessions.steady(-80, 50, Double.NEGATIVE_INFINITY)));
        assertEquals(Double.NEGATIVE_INFINITY, gain.albumLufs());
        assertEquals(0.0, gain.gainDb());
        assertFalse(gain.reachable());
    }
}
