package io.mixfarm.cli.catalogue;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The console summary of analyze reports: how many songs were measured, the quietest and loudest,
 * the loudest true peak, and each album's loudness and ReplayGain album gain (the first
 * {@value #MAX_ALBUM_LINES}; the reports have them all). Keeps a few numbers per album, not the songs.
 */
final class AnalysisSummary {

    static final int MAX_ALBUM_LINES = 50;

    private record AlbumLine(String album, int songs, double lufs, double gainDb, double peak) {
    }

    private int songs;
    private int measured;
    private int failed;
    private double loudSum;
    private int loudCount;
    private String quietest;
    private double quietestLufs = Double.POSITIVE_INFINITY;
    private String loudest;
    private double loudestLufs = Double.NEGATIVE_INFINITY;
    private String hottest;
    private double hottestDbtp = Double.NEGATIVE_INFINITY;
    private int albumCount;
    private final List<AlbumLine> albums = new ArrayList<>();
    private final List<String> reports = new ArrayList<>();

    void add(JsonNode report) {
        for (JsonNode song : report.path("songs")) {
            songs++;
            if (!"COMPLETED".equals(song.path("state").asText())) {
                failed++;
                continue;
            }
            measured++;
            String id = song.path("id").asText();
            if (song.hasNonNull("integratedLufs")) {
                double lufs = song.get("integratedLufs").asDouble();
                loudSum += lufs;
                loudCount++;
                if (lufs < quietestLufs) {
                    quietestLufs = lufs;
                    quietest = id;
                }
                if (lufs > loudestLufs) {
                    loudestLufs = lufs;
                    loudest = id;
                }
            }
            if (song.hasNonNull("truePeakDbtp") && song.get("truePeakDbtp").asDouble() > hottestDbtp) {
                hottestDbtp = song.get("truePeakDbtp").asDouble();
                hottest = id;
            }
        }
        for (JsonNode album : report.path("albums")) {
            albumCount++;
            if (albums.size() < MAX_ALBUM_LINES) {
                albums.add(new AlbumLine(album.path("album").asText(), album.path("songs").asInt(),
                        number(album.path("integratedLufs")), number(album.path("replayGain").path("albumGainDb")),
                        number(album.path("replayGain").path("albumPeak"))));
            }
        }
    }

    void reportAt(String uri) {
        reports.add(uri);
    }

    void print(PrintStream out) {
        out.println();
        out.println(String.format(Locale.ROOT, "Analysed %d songs: %d measured, %d failed", songs, measured, failed));
        if (loudCount > 0) {
            out.println(String.format(Locale.ROOT, "Integrated loudness: mean %.1f LUFS, quietest %.1f LUFS (%s), "
                    + "loudest %.1f LUFS (%s)", loudSum / loudCount, quietestLufs, quietest, loudestLufs, loudest));
        }
        if (hottest != null) {
            out.println(String.format(Locale.ROOT, "Highest true peak: %.1f dBTP (%s)", hottestDbtp, hottest));
        }
        out.println(String.format(Locale.ROOT, "%-40s %6s %9s %12s %10s", "album", "songs", "I (LUFS)", "RG gain (dB)",
                "RG peak"));
        for (AlbumLine a : albums) {
            out.println(String.format(Locale.ROOT, "%-40s %6d %9s %12s %10s", shorten(a.album()), a.songs(),
                    format(a.lufs(), "%.1f"), format(a.gainDb(), "%+.2f"), format(a.peak(), "%.6f")));
        }
        if (albumCount > albums.size()) {
            out.println("... and " + (albumCount - albums.size()) + " more albums (see the reports)");
        }
        reports.forEach(r -> out.println("Report: " + r + " (and analysis.csv beside it)"));
    }

    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }

    private static String format(double value, String pattern) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, pattern, value) : "-";
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : "..." + text.substring(text.length() - 37);
    }
}
