package io.mixfarm.coordinator.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.contract.SongAnalysis;
import io.mixfarm.engine.loudness.GatingBlocks;
import io.mixfarm.engine.loudness.Loudness;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reports of an analyze job, written beside the album report: {@value #CSV} (one row per
 * song) and {@value #JSON} (songs and albums). Per song the figures its MEASURE task sent and the
 * ReplayGain 2.0 track gain (−18 LUFS reference) and peak; per album — the songs sharing a
 * manifest {@code album}, or the whole session — the loudness of every song's 400 ms gating blocks
 * pooled (ReplayGain 2.0 album loudness) with its gain and peak. Peaks are true peaks as
 * amplitudes, as the farm's ReplayGain tags write them. Silent or unmeasured values are empty
 * (CSV) or null (JSON).
 */
final class AnalysisReports {

    static final String CSV = "analysis.csv";
    static final String JSON = "analysis.json";
    static final int VERSION = 1;
    /** ReplayGain 2.0 reference loudness, LUFS. */
    static final double REFERENCE_LUFS = -18.0;

    static final List<String> COLUMNS = List.of("song_id", "title", "artist", "isrc", "album", "source", "state",
            "integrated_lufs", "loudness_range_lu", "true_peak_dbtp", "sample_peak_dbfs", "track_gain_db",
            "track_peak", "album_lufs", "album_gain_db", "album_peak", "error");

    /** One album's pooled figures. */
    private record Album(String name, int songs, int measured, double lufs, double truePeakDbtp,
                         double samplePeakDbfs) {
        double gainDb() {
            return Double.isFinite(lufs) ? REFERENCE_LUFS - lufs : Double.NaN;
        }
    }

    private AnalysisReports() {
    }

    /** The two report objects of an analyze session, to put under its output. */
    static List<AlbumReports.Attachment> attachments(SessionState s, Instant now) {
        Map<String, Album> albums = albums(s);
        byte[] csv = csv(s, albums).getBytes(StandardCharsets.UTF_8);
        byte[] json;
        try {
            json = ContractJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(json(s, albums, now));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the analysis of " + s.id() + " as JSON", e);
        }
        S3Uri output = s.plan.output();
        return List.of(new AlbumReports.Attachment(output.resolve(CSV), csv, "text/csv; charset=utf-8"),
                new AlbumReports.Attachment(output.resolve(JSON), json, "application/json"));
    }

    private static String albumOf(SessionState s, SongState song) {
        return song.song.album() != null ? song.song.album() : s.plan.session().title();
    }

    private static Map<String, Album> albums(SessionState s) {
        Map<String, List<SongState>> groups = new LinkedHashMap<>();
        for (SongState song : s.songs) {
            groups.computeIfAbsent(albumOf(s, song), k -> new ArrayList<>()).add(song);
        }
        Map<String, Album> albums = new LinkedHashMap<>();
        for (Map.Entry<String, List<SongState>> group : groups.entrySet()) {
            List<GatingBlocks> blocks = new ArrayList<>();
            double truePeak = Double.NEGATIVE_INFINITY;
            double samplePeak = Double.NEGATIVE_INFINITY;
            for (SongState song : group.getValue()) {
                SongAnalysis a = song.outputAnalysis;
                if (a != null) {
                    blocks.add(a.gating().toGatingBlocks());
                    truePeak = Math.max(truePeak, a.truePeakDbtp());
                    if (a.samplePeakDbfs() != null) {
                        samplePeak = Math.max(samplePeak, a.samplePeakDbfs());
                    }
                }
            }
            double lufs = blocks.isEmpty() ? Double.NaN : Loudness.albumIntegratedLufs(blocks);
            albums.put(group.getKey(), new Album(group.getKey(), group.getValue().size(), blocks.size(), lufs,
                    blocks.isEmpty() ? Double.NaN : truePeak, Double.isInfinite(samplePeak) ? Double.NaN : samplePeak));
        }
        return albums;
    }

    private static String csv(SessionState s, Map<String, Album> albums) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (SongState song : s.songs) {
            SongAnalysis a = song.outputAnalysis;
            Album album = albums.get(albumOf(s, song));
            List<String> row = new ArrayList<>(List.of(song.id(), song.song.title(),
                    artist(s, song), orEmpty(song.song.isrc()), album.name(), orEmpty(song.song.source()),
                    song.record.status().name()));
            row.add(a == null ? "" : number(a.integratedLufs(), 2));
            row.add(a == null ? "" : number(a.loudnessRangeLu(), 2));
            row.add(a == null ? "" : number(a.truePeakDbtp(), 2));
            row.add(a == null || a.samplePeakDbfs() == null ? "" : number(a.samplePeakDbfs(), 2));
            row.add(a == null ? "" : number(trackGain(a), 2));
            row.add(a == null ? "" : number(amplitude(a.truePeakDbtp()), 6));
            row.add(number(album.lufs(), 2));
            row.add(number(album.gainDb(), 2));
            row.add(number(amplitude(album.truePeakDbtp()), 6));
            row.add(orEmpty(song.record.error()));
            for (int i = 0; i < row.size(); i++) {
                out.append(i == 0 ? "" : ",").append(quoted(row.get(i)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static ObjectNode json(SessionState s, Map<String, Album> albums, Instant now) {
        ObjectNode root = ContractJson.mapper().createObjectNode();
        root.put("v", VERSION);
        root.put("sessionId", s.id());
        root.put("title", s.plan.session().title());
        root.put("finishedAt", now.toString());
        root.put("referenceLufs", REFERENCE_LUFS);
        ArrayNode songs = root.putArray("songs");
        for (SongState song : s.songs) {
            ObjectNode node = songs.addObject();
            node.put("id", song.id());
            node.put("title", song.song.title());
            node.put("artist", artist(s, song));
            putText(node, "isrc", song.song.isrc());
            node.put("album", albumOf(s, song));
            putText(node, "source", song.song.source());
            node.put("state", song.record.status().name());
            putText(node, "error", song.record.error());
            SongAnalysis a = song.outputAnalysis;
            if (a != null) {
                put(node, "integratedLufs", a.integratedLufs());
                put(node, "loudnessRangeLu", a.loudnessRangeLu());
                put(node, "truePeakDbtp", a.truePeakDbtp());
                put(node, "samplePeakDbfs", a.samplePeakDbfs() == null ? Double.NaN : a.samplePeakDbfs());
                ObjectNode rg = node.putObject("replayGain");
                put(rg, "trackGainDb", trackGain(a));
                put(rg, "trackPeak", amplitude(a.truePeakDbtp()));
            }
        }
        ArrayNode albumNodes = root.putArray("albums");
        for (Album album : albums.values()) {
            ObjectNode node = albumNodes.addObject();
            node.put("album", album.name());
            node.put("songs", album.songs());
            node.put("measured", album.measured());
            put(node, "integratedLufs", album.lufs());
            put(node, "truePeakDbtp", album.truePeakDbtp());
            put(node, "samplePeakDbfs", album.samplePeakDbfs());
            ObjectNode rg = node.putObject("replayGain");
            put(rg, "albumGainDb", album.gainDb());
            put(rg, "albumPeak", amplitude(album.truePeakDbtp()));
        }
        return root;
    }

    private static String artist(SessionState s, SongState song) {
        return song.song.artist() != null ? song.song.artist() : s.plan.session().artist();
    }

    private static double trackGain(SongAnalysis a) {
        return REFERENCE_LUFS - a.integratedLufs();
    }

    private static double amplitude(double db) {
        return Math.pow(10, db / 20);
    }

    private static String number(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "";
    }

    private static void put(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
    static String quoted(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
