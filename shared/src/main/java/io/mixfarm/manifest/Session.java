package io.mixfarm.manifest;

import java.util.List;

/**
 * A Mixfarm session manifest: one album, its songs and their stems, the shared buses and the
 * mastering settings. Field meanings, defaults and ranges are in docs/manifest.md.
 *
 * <p>Optional fields are filled with their defaults at construction; a parsed session is
 * structurally sound but only {@link ManifestValidator} says whether it is valid.
 *
 * @param apiVersion  always {@value #API_VERSION}
 * @param kind        always {@value #KIND}
 * @param sampleRate  render rate of the mix and master, Hz
 * @param output      {@code s3://bucket/prefix/} or a directory relative to the manifest
 * @param mastering   album mastering, as written (see {@link #masteringFor(Song)})
 * @param job         what the farm does with the songs; null means {@link Job#RENDER}
 */
public record Session(
        @Required String apiVersion,
        @Required String kind,
        @Required String id,
        @Required String title,
        @Required String artist,
        @Required Integer sampleRate,
        @Required String output,
        Mastering mastering,
        List<Bus> buses,
        @Required List<Song> songs,
        Job job) {

    public static final String API_VERSION = "mixfarm/v1";
    public static final String KIND = "Session";

    public Session {
        mastering = mastering == null ? Mastering.UNSET : mastering;
        buses = buses == null ? List.of() : List.copyOf(buses);
        songs = songs == null ? null : List.copyOf(songs);
    }

    /** A session that renders its songs. */
    public Session(String apiVersion, String kind, String id, String title, String artist, Integer sampleRate,
                   String output, Mastering mastering, List<Bus> buses, List<Song> songs) {
        this(apiVersion, kind, id, title, artist, sampleRate, output, mastering, buses, songs, null);
    }

    /** True for an analyze job: songs are measured, nothing is mastered or delivered. */
    public boolean analyzeOnly() {
        return job == Job.ANALYZE;
    }

    /**
     * The mastering that applies to a song: the song's override over the album's settings,
     * with every default filled in. Meaningful for a valid session only.
     */
    public Mastering masteringFor(Song song) {
        return song.mastering().over(mastering).resolved(sampleRate);
    }
}
