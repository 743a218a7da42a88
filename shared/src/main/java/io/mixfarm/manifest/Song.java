package io.mixfarm.manifest;

import java.util.List;

/**
 * One song of the album: rendered as one task.
 *
 * <p>A song is either mixed from its {@code stems} or names a finished stereo {@code source}
 * that is only mastered (re-levelled) or measured; a song with a source has no stems (an
 * empty list).
 *
 * @param isrc      International Standard Recording Code, with or without dashes; may be null
 * @param mastering fields that replace the album's mastering fields for this song
 * @param source    a finished mix or master ({@code s3://bucket/key} or a path relative to the
 *                  manifest) to master or measure instead of mixing stems; null for stem songs
 * @param deliverTo where the song's deliverables go, without extension: a key under the session
 *                  output or an {@code s3://} location (e.g. the source's key, mirrored); null: the
 *                  song's folder
 * @param artist    the track artist written into metadata; null: the album artist
 * @param album     the album the song belongs to in an analyze job's album gain; null: the session
 */
public record Song(
        @Required String id,
        @Required String title,
        String isrc,
        Mastering mastering,
        List<Stem> stems,
        String source,
        String deliverTo,
        String artist,
        String album) {

    public Song {
        mastering = mastering == null ? Mastering.UNSET : mastering;
        stems = stems == null ? (source == null ? null : List.of()) : List.copyOf(stems);
    }

    /** A song mixed from stems. */
    public Song(String id, String title, String isrc, Mastering mastering, List<Stem> stems) {
        this(id, title, isrc, mastering, stems, null, null, null, null);
    }

    /** True when the song is a finished source to master or measure, not stems to mix. */
    public boolean hasSource() {
        return source != null;
    }
}
