package io.mixfarm.manifest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the farm does with a session's songs. */
public enum Job {
    /** Mix (or take the finished source) and master into the deliverables. */
    @JsonProperty("render") RENDER,
    /** Measure each song without writing masters: the mix of its stems, or its source as it is. */
    @JsonProperty("analyze") ANALYZE
}
