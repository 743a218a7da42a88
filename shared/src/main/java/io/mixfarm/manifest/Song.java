package io.mixfarm.manifest;

import java.util.List;

/**
 * One song of the album: rendered as one task.
 *
 * @param isrc      International Standard Recording Code, with or without dashes; may be null
 * @param mastering fields that replace the album's mastering fields for this song
 */
public record Song(
        @Required String id,
        @Required String title,
        String isrc,
        Mastering mastering,
        @Required List<Stem> stems) {

    public Song {
        mastering = mastering == null ? Mastering.UNSET : mastering;
        stems = stems == null ? null : List.copyOf(stems);
    }
}
