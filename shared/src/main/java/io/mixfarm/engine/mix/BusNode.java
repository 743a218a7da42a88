package io.mixfarm.engine.mix;

import java.util.List;

/**
 * A stereo bus of the render graph: the sum of what feeds it, through its effect (if any), then
 * its strip (balance and width apply; pan does not), into its output.
 *
 * @param id     names the bus in routing and errors
 * @param effect the 100 % wet effect of an effect bus, or null for a group bus
 * @param strip  processing after the effect
 * @param output id of the bus fed, or null for the mix bus
 * @param sends  extra feeds to other buses
 */
public record BusNode(String id, BusEffect effect, StripSettings strip, String output, List<SendSettings> sends) {

    public BusNode {
        if (id == null || strip == null) {
            throw new IllegalArgumentException("a bus needs an id and a strip");
        }
        sends = List.copyOf(sends);
    }

    /** A group bus with a neutral strip feeding the mix bus. */
    public static BusNode group(String id) {
        return new BusNode(id, null, StripSettings.NEUTRAL, null, List.of());
    }
}
