package io.mixfarm.manifest;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One parametric EQ band (RBJ biquad).
 *
 * @param gainDb boost or cut, dB; required for bells and shelves, absent for a notch
 * @param q      bandwidth (bell, notch) or shelf Q; 1/√2 when omitted
 */
public record EqBand(@Required Type type, @Required Double freqHz, Double gainDb, Double q) {

    /** Q of a Butterworth response, the default for every band type. */
    public static final double DEFAULT_Q = Math.sqrt(0.5);

    public EqBand {
        q = q == null ? DEFAULT_Q : q;
    }

    /** The band's filter shape. */
    public enum Type {
        @JsonProperty("bell") BELL,
        @JsonProperty("lowShelf") LOW_SHELF,
        @JsonProperty("highShelf") HIGH_SHELF,
        @JsonProperty("notch") NOTCH
    }
}
