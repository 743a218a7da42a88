package io.mixfarm.coordinator.planning;

import java.time.Duration;

/**
 * When a failed task is tried again. The coordinator owns the attempt count (it is in the task id):
 * a FAILED event of class RETRIABLE on attempt {@code n < maxAttempts} publishes attempt
 * {@code n + 1} after {@link #delayBefore(int)}; on the last attempt (and for every other class) the
 * song fails. The worker applies the same bound: it dead-letters a task that fails on attempt
 * {@code >= maxAttempts} and reports FAILED DEAD_LETTERED. A retry asked for by a user grants one
 * more attempt (numbering goes on, so every task id stays unique).
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts is " + maxAttempts);
        }
    }

    /** True when a retriable failure of {@code attempt} is tried again automatically. */
    public boolean mayRetry(int attempt) {
        return attempt < maxAttempts;
    }

    /** How long to wait before publishing {@code attempt}: base · 2^(attempt−2), at most maxDelay. */
    public Duration delayBefore(int attempt) {
        if (attempt <= 1 || baseDelay.isZero()) {
            return Duration.ZERO;
        }
        int doublings = Math.min(attempt - 2, 30);
        Duration delay = baseDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
