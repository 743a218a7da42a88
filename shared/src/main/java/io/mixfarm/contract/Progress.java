package io.mixfarm.contract;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * How far a running task is.
 *
 * @param fraction of the stage done, 0 to 1
 */
public record Progress(Stage stage, double fraction) {

    public Progress {
        Checks.required(stage, "Progress.stage");
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("Progress.fraction is " + fraction + "; it lies in 0..1");
        }
    }

    /** The steps of a render, in order. */
    public enum Stage {
        FETCH, DECODE, MIX, MASTER, ENCODE, UPLOAD,
        /** A stage added by a newer worker; shown as running. */
        @JsonEnumDefaultValue UNKNOWN
    }
}
