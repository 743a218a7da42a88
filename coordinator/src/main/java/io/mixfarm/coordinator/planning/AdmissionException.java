package io.mixfarm.coordinator.planning;

import io.mixfarm.manifest.ManifestProblem;

import java.util.List;

/** A session that was not accepted, with every problem found and what kind of refusal it is. */
public class AdmissionException extends RuntimeException {

    /** Why the session was refused; the API maps each to a status code. */
    public enum Reason {
        /** The document cannot be read as a manifest (syntax, shape, types). */
        UNREADABLE,
        /** The manifest reads but is not valid, or its stems or output are wrong in S3. */
        INVALID,
        /** S3 could not be asked (unavailable, throttling): the manifest may be fine; submit later. */
        STORAGE_UNAVAILABLE
    }

    private final Reason reason;
    private final List<ManifestProblem> problems;

    public AdmissionException(Reason reason, String message, List<ManifestProblem> problems) {
        super(message);
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    public Reason reason() {
        return reason;
    }

    public List<ManifestProblem> problems() {
        return problems;
    }
}
