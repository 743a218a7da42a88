package io.mixfarm.coordinator.planning;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {

    @Test
    void retriesUntilTheLastAttemptWithDoublingDelaysUpToTheMaximum() {
        RetryPolicy p = new RetryPolicy(4, Duration.ofSeconds(2), Duration.ofSeconds(5));
        assertTrue(p.mayRetry(1));
        assertTrue(p.mayRetry(3));
        assertFalse(p.mayRetry(4));
        assertFalse(p.mayRetry(7), "a user's retry beyond the bound gets no automatic ones");
        assertEquals(Duration.ZERO, p.delayBefore(1));
        assertEquals(Duration.ofSeconds(2), p.delayBefore(2));
        assertEquals(Duration.ofSeconds(4), p.delayBefore(3));
        assertEquals(Duration.ofSeconds(5), p.delayBefore(4));
        assertEquals(Duration.ofSeconds(5), p.delayBefore(60), "no overflow");
    }
}
