package io.mixfarm.cli.watch;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionProgressTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:01:00Z");

    @Test
    void aRunningSongCountsByItsStageAndTheStagesWeight() {
        SessionProgress p = SessionProgress.of(Views.running(), NOW);
        // fetch + decode done (0.10) and half the mix (0.20)
        assertEquals(0.30, p.songs().get(1).fraction(), 1e-9);
        assertEquals("mix 50%", p.songs().get(1).detail());
        assertEquals(1.0, p.songs().get(0).fraction());
        assertEquals(0.0, p.songs().get(2).fraction());
        assertEquals((1.0 + 0.30) / 3, p.fraction(), 1e-9);
        assertEquals(1.0, SessionProgress.stageFraction("UPLOAD", 1.0), 1e-9, "the weights add up to one song");
    }

    @Test
    void throughputAndEtaFollowThePaceSoFar() {
        SessionProgress p = SessionProgress.of(Views.running(), NOW);
        assertEquals(Duration.ofSeconds(60), p.elapsed());
        assertEquals(1.0, p.songsPerMinute(), 1e-9, "one song in a minute");
        assertEquals(1.0, p.realtimeFactor(), 1e-9, "60 s of audio in 60 s");
        // 1.3 songs' work in 60 s; 1.7 left: 60 * 1.7 / 1.3 s
        assertEquals(60 * 1.7 / 1.3, p.eta().toMillis() / 1000.0, 0.01);
    }

    @Test
    void anEndedSessionHasNoEtaAndItsPaceStopsAtItsEnd() {
        SessionProgress p = SessionProgress.of(Views.completed(), NOW.plusSeconds(3600));
        assertTrue(p.ended());
        assertNull(p.eta());
        assertEquals(Duration.ofSeconds(40), p.elapsed(), "created 12:00:00, last changed 12:00:40");
        assertEquals(4.5, p.songsPerMinute(), 1e-9);
    }
}
