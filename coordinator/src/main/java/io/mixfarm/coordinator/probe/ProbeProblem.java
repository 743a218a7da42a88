package io.mixfarm.coordinator.probe;

/**
 * Something wrong found by a probe.
 *
 * @param message   what, naming the bucket or URI
 * @param retriable true when the store failed (unavailable, throttling) rather than the input
 */
public record ProbeProblem(String message, boolean retriable) {
}
