package io.mixfarm.coordinator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.Output;
import io.mixfarm.contract.OutputKeys;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.contract.SongAnalysis;
import io.mixfarm.contract.SongRecord;
import io.mixfarm.coordinator.planning.AlbumGain;
import io.mixfarm.engine.loudness.GatingBlocks;
import io.mixfarm.engine.loudness.Loudness;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The album report, written at the session level ({@link OutputKeys#albumReport}) when every song
 * has ended: each song's state, attempts, outputs, error and song report (from its COMPLETED event,
 * or read back from storage when the coordinator no longer holds it), and the album loudness —
 * album mode's gain and the pooled loudness it came from, and the pooled loudness of the masters
 * when every song's final measurements are known.
 */
final class AlbumReports {

    /** Version of the report's layout. */
    static final int VERSION = 1;

    private static final ObjectMapper JSON = ContractJson.mapper();

    /**
     * The report of a session, the song reports it still has to read from storage, other objects
     * written with it (an analyze job's reports), and the session's folder of intermediates to
     * delete once the session has ended (album mode), else null.
     */
    record Draft(S3Uri target, ObjectNode report, Map<Integer, S3Uri> missingReports, List<Attachment> attachments,
                 S3Uri workFolder) {
    }

    /** An object written beside the album report. */
    record Attachment(S3Uri target, byte[] bytes, String contentType) {
    }

    private AlbumReports() {
    }

    static Draft draft(SessionState s, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        var session = s.plan.session();
        root.put("v", VERSION);
        root.put("sessionId", s.id());
        root.put("manifestId", session.id());
        root.put("title", session.title());
        root.put("artist", session.artist());
        root.put("createdAt", s.record.createdAt().toString());
        root.put("finishedAt", now.toString());
        root.put("albumMode", s.plan.albumMode());
        root.set("album", album(s));
        ArrayNode songs = root.putArray("songs");
        Map<Integer, S3Uri> missing = new LinkedHashMap<>();
        for (SongState song : s.songs) {
            songs.add(song(song));
            if (song.record.status() == SongRecord.Status.COMPLETED && song.reportNode() == null) {
                missing.put(song.index, reportUri(s, song));
            }
        }
        List<Attachment> attachments = s.plan.analyzeOnly() ? AnalysisReports.attachments(s, now) : List.of();
        return new Draft(OutputKeys.albumReport(s.plan.output()), root, missing, attachments,
                s.plan.albumMode() ? OutputKeys.workFolder(s.plan.output()) : null);
    }

    private static ObjectNode album(SessionState s) {
        ObjectNode album = JSON.createObjectNode();
        album.put("songs", s.songs.size());
        album.put("completed", s.count(SongRecord.Status.COMPLETED));
        if (s.plan.albumMode()) {
            putNumber(album, "gainDb", s.record.albumGainDb());
            AlbumGain gain = SessionMachine.albumGain(s);
            if (gain != null) {
                putNumber(album, "inputLufs", gain.albumLufs());
                album.put("targetLufs", gain.targetLufs());
                album.put("reachable", gain.reachable());
                if (gain.limitedBy() != null) {
                    album.put("limitedBy", gain.limitedBy());
                }
            }
        }
        List<GatingBlocks> outputs = new ArrayList<>();
        for (SongState song : s.songs) {
            if (song.outputAnalysis == null) {
                return album;
            }
            outputs.add(song.outputAnalysis.gating().toGatingBlocks());
        }
        putNumber(album, "outputLufs", Loudness.albumIntegratedLufs(outputs));
        return album;
    }

    private static ObjectNode song(SongState song) {
        SongRecord r = song.record;
        ObjectNode node = JSON.createObjectNode();
        node.put("id", song.id());
        node.put("title", song.song.title());
        node.put("trackNumber", song.index + 1);
        node.put("state", r.status().name());
        node.put("phase", r.phase().name());
        node.put("attempts", r.attempt());
        if (r.error() != null) {
            node.put("error", r.error());
        }
        node.set("outputs", JSON.valueToTree(r.outputs()));
        if (song.analysis != null) {
            node.set("analysis", measurements(song.analysis));
        }
        if (song.outputAnalysis != null) {
            node.set("output", measurements(song.outputAnalysis));
        }
        JsonNode report = song.reportNode();
        if (report != null) {
            node.set("report", report);
        }
        return node;
    }

    private static ObjectNode measurements(SongAnalysis a) {
        ObjectNode node = JSON.createObjectNode();
        putNumber(node, "integratedLufs", a.integratedLufs());
        putNumber(node, "loudnessRangeLu", a.loudnessRangeLu());
        putNumber(node, "truePeakDbtp", a.truePeakDbtp());
        return node;
    }

    /** Where a completed song's report is: the output named "report", or its deterministic key. */
    private static S3Uri reportUri(SessionState s, SongState song) {
        for (Output output : song.record.outputs()) {
            if (output.name().equals("report")) {
                return S3Uri.parseObject(output.uri());
            }
        }
        return OutputKeys.songReport(s.plan.output(), song.id());
    }

    /** Fills the song reports read from storage into the report's songs. */
    static void fill(ObjectNode report, int songIndex, JsonNode songReport) {
        ((ObjectNode) report.withArray("songs").get(songIndex)).set("report", songReport);
    }

    /** JSON has no infinities: a silent measurement is written as null. */
    private static void putNumber(ObjectNode node, String field, Double value) {
        if (value == null || !Double.isFinite(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
