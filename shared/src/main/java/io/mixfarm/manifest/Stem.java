package io.mixfarm.manifest;

import java.util.List;

/**
 * One source file of a song and how it is mixed.
 *
 * @param uri   {@code s3://bucket/key} or a path relative to the manifest's directory
 * @param strip the channel strip; neutral when omitted
 * @param bus   id of the group bus this stem feeds; null means the mix bus
 * @param sends extra feeds to buses (usually effect buses)
 */
public record Stem(
        @Required String id,
        @Required String uri,
        Strip strip,
        String bus,
        List<Send> sends) {

    public Stem {
        strip = strip == null ? Strip.NEUTRAL : strip;
        sends = sends == null ? List.of() : List.copyOf(sends);
    }
}
