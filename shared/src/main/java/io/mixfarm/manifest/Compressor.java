package io.mixfarm.manifest;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A feed-forward compressor, used on strips, as the mastering glue compressor and in each
 * multiband band.
 *
 * @param kneeDb    width of the soft knee, dB (0 = hard knee)
 * @param detection level detector: sample peak or RMS
 */
public record Compressor(
        @Required Double thresholdDb,
        @Required Double ratio,
        Double kneeDb,
        Double attackMs,
        Double releaseMs,
        Double makeupDb,
        Detection detection) {

    public Compressor {
        kneeDb = kneeDb == null ? 0.0 : kneeDb;
        attackMs = attackMs == null ? 10.0 : attackMs;
        releaseMs = releaseMs == null ? 100.0 : releaseMs;
        makeupDb = makeupDb == null ? 0.0 : makeupDb;
        detection = detection == null ? Detection.PEAK : detection;
    }

    /** How the compressor measures level. */
    public enum Detection {
        @JsonProperty("peak") PEAK,
        @JsonProperty("rms") RMS
    }
}
