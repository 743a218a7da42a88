package io.mixfarm.contract;

/**
 * Album metadata a worker writes into a song's files and report.
 *
 * @param trackNumber the song's position in the manifest, from 1
 * @param trackCount  songs in the album
 */
public record AlbumInfo(String title, String artist, int trackNumber, int trackCount) {

    public AlbumInfo {
        Checks.required(title, "AlbumInfo.title");
        Checks.required(artist, "AlbumInfo.artist");
        Checks.positive(trackNumber, "AlbumInfo.trackNumber");
        if (trackCount < trackNumber) {
            throw new IllegalArgumentException("AlbumInfo.trackCount " + trackCount + " is below trackNumber " + trackNumber);
        }
    }
}
