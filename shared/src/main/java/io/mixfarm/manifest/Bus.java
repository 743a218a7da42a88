package io.mixfarm.manifest;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A stereo bus shared by all songs: a group bus (a sub-mix of stems) or an effect bus
 * (a 100 % wet reverb or delay fed by sends).
 *
 * @param strip  processing after the bus input (and after the effect, on effect buses)
 * @param output id of the group bus this bus feeds; null means the mix bus
 * @param reverb reverb parameters; only for {@code type: reverb}
 * @param delay  delay parameters; required for {@code type: delay}
 */
public record Bus(
        @Required String id,
        @Required Type type,
        Strip strip,
        String output,
        List<Send> sends,
        Reverb reverb,
        Delay delay) {

    public Bus {
        strip = strip == null ? Strip.NEUTRAL : strip;
        sends = sends == null ? List.of() : List.copyOf(sends);
    }

    /** What the bus does. */
    public enum Type {
        @JsonProperty("group") GROUP,
        @JsonProperty("reverb") REVERB,
        @JsonProperty("delay") DELAY
    }
}
