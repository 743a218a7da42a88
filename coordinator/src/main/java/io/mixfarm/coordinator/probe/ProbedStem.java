package io.mixfarm.coordinator.probe;

import io.mixfarm.contract.StemLocation;
import io.mixfarm.engine.audio.AudioInfo;

/**
 * The outcome of probing one stem: its location with size and checksum and its header facts,
 * or the problem found.
 *
 * @param problem   null when the stem is readable audio; otherwise what is wrong, naming the URI
 * @param retriable true when the problem is the store's (unavailable, throttling), not the stem's
 */
public record ProbedStem(StemRef ref, StemLocation location, AudioInfo info, String problem, boolean retriable) {

    static ProbedStem ok(StemRef ref, StemLocation location, AudioInfo info) {
        return new ProbedStem(ref, location, info, null, false);
    }

    static ProbedStem problem(StemRef ref, String problem, boolean retriable) {
        return new ProbedStem(ref, null, null, problem, retriable);
    }

    public boolean ok() {
        return problem == null;
    }
}
