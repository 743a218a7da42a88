package io.mixfarm.engine.master;

/**
 * What mastering does when reaching the loudness target would need more than the allowed
 * maximum of limiting (a quiet, very dynamic master is never squashed to reach a loud target).
 */
public enum UnreachablePolicy {
    /**
     * Deliver the song at the loudest level reachable within the maximum limiting, and report
     * "target not reachable within limits" with the loudness achieved.
     */
    LIMIT,
    /** Deliver nothing for the song; report "target not reachable within limits" with the loudness reachable. */
    REPORT,
    /**
     * Apply the limiting the target needs, beyond the maximum, and report that the maximum was
     * exceeded (for deliveries where the target is a hard requirement).
     */
    FORCE
}
