package io.mixfarm.engine.master;

/** How a song's mastering ended, as reported. */
public enum MasteringOutcome {
    /** Integrated loudness within tolerance of the target; delivered. */
    TARGET_REACHED("target reached"),
    /**
     * The target needed more than the allowed limiting and was reached anyway, because the policy
     * is {@link UnreachablePolicy#FORCE}.
     */
    TARGET_REACHED_BEYOND_LIMIT("target reached with more limiting than the allowed maximum"),
    /**
     * The target needs more than the allowed limiting; delivered at the loudest level reachable
     * within it (policy {@link UnreachablePolicy#LIMIT}).
     */
    LIMITED_SHORT_OF_TARGET("target not reachable within limits; delivered at the loudness achieved"),
    /** The target needs more than the allowed limiting; nothing delivered (policy {@link UnreachablePolicy#REPORT}). */
    NOT_DELIVERED("target not reachable within limits; not delivered"),
    /**
     * Renders did not close in on the target within {@link SongMastering#MAX_RENDERS}; the closest
     * one is delivered (not expected; reported rather than hidden).
     */
    TARGET_MISSED("target missed after the most renders allowed; the closest render delivered"),
    /**
     * The input has no integrated loudness (silent, or shorter than one 400 ms gating block):
     * delivered at unity gain, peaks still held under the ceiling.
     */
    SILENT("input has no measurable loudness (silent or under 0.4 s); delivered at unity gain under the ceiling");

    private final String description;

    MasteringOutcome(String description) {
        this.description = description;
    }

    /** The sentence reports show. */
    public String description() {
        return description;
    }

    /** Whether a master was written. */
    public boolean delivered() {
        return this != NOT_DELIVERED;
    }
}
