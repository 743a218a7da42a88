package io.mixfarm.worker.settings;

import java.time.Duration;

/**
 * How long to wait before another attempt at a task: {@code initial × 2^(n−1)} after the n-th
 * failed attempt, at most {@code max}. Deterministic (no jitter): tasks fail at different times
 * anyway, and tests can predict the schedule.
 */
public record RetryBackoff(Duration initial, Duration max) {

    public RetryBackoff {
        if (initial == null || initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("retry-backoff.initial is " + initial + "; it must be positive");
        }
        if (max == null || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry-backoff.max is " + max + "; it must be at least initial (" + initial + ")");
        }
    }

    /** The wait after {@code failedAttempts} failures (1 for the first). */
    public Duration delayAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts is " + failedAttempts + "; it counts from 1");
        }
        Duration delay = initial;
        for (int i = 1; i < failedAttempts && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
