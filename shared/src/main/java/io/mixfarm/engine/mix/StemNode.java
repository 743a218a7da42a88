package io.mixfarm.engine.mix;

import java.util.List;

/**
 * One stem of a song in the render graph.
 *
 * @param id     names the stem in errors
 * @param source its audio (mono or stereo, any sample rate; resampled to the session's)
 * @param strip  its channel strip
 * @param bus    id of the bus its strip output feeds, or null for the mix bus
 * @param sends  extra feeds to buses
 */
public record StemNode(String id, StemSource source, StripSettings strip, String bus, List<SendSettings> sends) {

    public StemNode {
        if (id == null || source == null || strip == null) {
            throw new IllegalArgumentException("a stem needs an id, a source and a strip");
        }
        sends = List.copyOf(sends);
    }
}
