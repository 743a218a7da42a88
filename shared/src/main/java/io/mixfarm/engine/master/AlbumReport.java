package io.mixfarm.engine.master;

import java.util.List;

/**
 * Album mastering in one table: one gain for every song, the album loudness before and after
 * (every song's gating blocks pooled, ReplayGain 2.0 album style), and each song's report.
 *
 * @param targetLufs        album target
 * @param ceilingDbtp       every song's true-peak ceiling
 * @param inputAlbumLufs    album loudness of the inputs
 * @param outputAlbumLufs   album loudness of the masters (of the renders, when not delivered)
 * @param gainDb            the one gain applied to every song before its own limiter
 * @param outcome           target reached, limited short of it (the gain is capped by the song that
 *                          would need the most limiting), not delivered, or silent album
 * @param renders           rounds of rendering every song (analysis included)
 * @param songs             the songs' reports, in album order
 */
public record AlbumReport(double targetLufs, double ceilingDbtp, double inputAlbumLufs, double outputAlbumLufs,
                          double gainDb, MasteringOutcome outcome, int renders, List<SongReport> songs) {

    public AlbumReport {
        songs = List.copyOf(songs);
    }

    /** Album output loudness minus target, LU. */
    public double errorLu() {
        return outputAlbumLufs - targetLufs;
    }
}
