package io.mixfarm.contract;

import io.mixfarm.manifest.Bus;
import io.mixfarm.manifest.Mastering;
import io.mixfarm.manifest.Session;
import io.mixfarm.manifest.Song;

import java.util.List;

/**
 * The part of a session manifest one song's task needs: the song with its stems and strips, the
 * album-level settings it depends on, and where its outputs go. A worker renders from this alone.
 *
 * @param sampleRate   render rate of the mix and master, Hz
 * @param outputPrefix the session's output location, {@code s3://bucket/prefix} (see {@link OutputKeys})
 * @param album        album title, artist and this song's track number
 * @param song         the song as in the manifest (its {@code mastering} is the override as written)
 * @param buses        the album's buses (shared by all songs)
 * @param mastering    the mastering that applies to this song, resolved: album settings under
 *                     the song's override, defaults filled ({@link Session#masteringFor(Song)})
 */
public record SongSpec(
        int sampleRate,
        String outputPrefix,
        AlbumInfo album,
        Song song,
        List<Bus> buses,
        Mastering mastering) {

    public SongSpec {
        if (sampleRate < 1) {
            throw new IllegalArgumentException("SongSpec.sampleRate is " + sampleRate);
        }
        S3Uri.parse(Checks.text(outputPrefix, "SongSpec.outputPrefix"));
        Checks.required(album, "SongSpec.album");
        Checks.required(song, "SongSpec.song");
        buses = buses == null ? List.of() : List.copyOf(buses);
        Checks.required(mastering, "SongSpec.mastering");
    }

    /**
     * The spec of one song of a valid session.
     *
     * @param outputPrefix the session's output as an S3 location (the coordinator resolves a
     *                     manifest's relative output before this point)
     */
    public static SongSpec of(Session session, Song song, String outputPrefix) {
        int index = session.songs().indexOf(song);
        if (index < 0) {
            throw new IllegalArgumentException("song " + song.id() + " is not in session " + session.id());
        }
        AlbumInfo album = new AlbumInfo(session.title(), session.artist(), index + 1, session.songs().size());
        return new SongSpec(session.sampleRate(), outputPrefix, album, song, session.buses(), session.masteringFor(song));
    }
}
