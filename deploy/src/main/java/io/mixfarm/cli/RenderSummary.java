package io.mixfarm.cli;

import io.mixfarm.engine.master.AlbumReport;
import io.mixfarm.engine.master.SongReport;
import io.mixfarm.render.LocalMastering;

import java.io.PrintStream;
import java.util.Locale;

/** The table {@code farm render} prints after mastering: one line per song, then the album. */
final class RenderSummary {

    private RenderSummary() {
    }

    static void print(LocalMastering.Outcome outcome, PrintStream out) {
        out.println();
        out.println(String.format(Locale.ROOT, "%-20s %8s    %8s %6s %7s %7s  %s", "song", "I in", "I out", "LRA",
                "TP", "gain", "outcome"));
        for (LocalMastering.SongOutcome song : outcome.songs()) {
            if (song.result() == null) {
                out.println(String.format(Locale.ROOT, "%-20s %s", song.songId(), "FAILED: " + song.error()));
                continue;
            }
            SongReport r = song.result().song().report();
            out.println(String.format(Locale.ROOT, "%-20s %8s -> %8s %6s %7s %+7.2f  %s", song.songId(),
                    fmt(r.input().integratedLufs()), fmt(r.output().integratedLufs()),
                    fmt(r.output().loudnessRangeLu()), fmt(song.result().truePeakDbtp()), r.gainDb(),
                    r.outcome().description()));
        }
        AlbumReport album = outcome.album();
        if (album != null) {
            out.println(String.format(Locale.ROOT, "%-20s %8s -> %8s  (target %s LUFS, ceiling %s dBTP%s)",
                    outcome.albumMode() ? "album (one gain)" : "album (pooled)", fmt(album.inputAlbumLufs()),
                    fmt(album.outputAlbumLufs()), fmt(album.targetLufs()), fmt(album.ceilingDbtp()),
                    outcome.albumMode() ? String.format(Locale.ROOT, ", gain %+.2f dB", album.gainDb()) : ""));
        }
        out.println("I in/out: integrated loudness, LUFS; LRA: loudness range, LU; TP: highest true peak of the "
                + "delivered files, dBTP; gain: before the limiter, dB.");
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v < 0 ? "-inf" : "+inf";
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
