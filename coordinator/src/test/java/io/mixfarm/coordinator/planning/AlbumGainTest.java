package io.mixfarm.coordinator.planning;

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
    void aSilentAlbumGetsNoGain() {
        AlbumGain gain = AlbumGain.compute(TestSessions.album(1, "{albumMode: true}"),
                List.of(TestSessions.steady(-80, 50, Double.NEGATIVE_INFINITY)));
        assertEquals(Double.NEGATIVE_INFINITY, gain.albumLufs());
        assertEquals(0.0, gain.gainDb());
        assertFalse(gain.reachable());
    }
}
