package io.mixfarm.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.engine.master.AlbumReport;
import io.mixfarm.engine.master.LoudnessFigures;
import io.mixfarm.engine.master.MasteringOutcome;
import io.mixfarm.engine.master.SongReport;

import java.util.Locale;

/**
 * JSON for mastering reports (the engine's records stay free of Jackson). Non-finite values
 * (the −infinity of silence) become null, since JSON has no infinities.
 */
public final class MasteringReportJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MasteringReportJson() {
    }

    public static String song(SongReport report) {
        return write(songNode(report, true));
    }

    public static String album(AlbumReport report) {
        ObjectNode root = JSON.createObjectNode();
        number(root, "targetLufs", report.targetLufs());
        number(root, "ceilingDbtp", report.ceilingDbtp());
        number(root, "inputAlbumLufs", report.inputAlbumLufs());
        number(root, "outputAlbumLufs", report.outputAlbumLufs());
        number(root, "gainDb", report.gainDb());
        outcome(root, report.outcome());
        root.put("renders", report.renders());
        ArrayNode table = root.putArray("songs");
        for (SongReport song : report.songs()) {
            table.add(songNode(song, true));
        }
        return write(root);
    }

    /** One song; {@code curve} adds the 10 Hz short-term loudness curve. */
    public static ObjectNode songNode(SongReport r, boolean curve) {
        ObjectNode node = JSON.createObjectNode();
        node.put("source", r.source());
        node.put("sampleRate", r.sampleRate());
        number(node, "durationSeconds", r.durationSeconds());
        number(node, "targetLufs", r.targetLufs());
        number(node, "ceilingDbtp", r.ceilingDbtp());
        figures(node.putObject("input"), r.input());
        figures(node.putObject("output"), r.output());
        number(node, "gainDb", r.gainDb());
        ObjectNode limiter = node.putObject("limiter");
        number(limiter, "aimDbtp", r.limiterAimDbtp());
        number(limiter, "maxGainReductionDb", r.limiterMaxReductionDb());
        number(limiter, "meanGainReductionDb", r.limiterMeanReductionDb());
        number(limiter, "maxLimitingDb", r.maxLimitingDb());
        node.put("whenUnreachable", r.whenUnreachable().name().toLowerCase(Locale.ROOT));
        outcome(node, r.outcome());
        node.put("renders", r.renders());
        if (curve) {
            ObjectNode shortTerm = node.putObject("shortTermLufs");
            shortTerm.put("startSeconds", SongReport.SHORT_TERM_START_SECONDS);
            shortTerm.put("stepSeconds", SongReport.SHORT_TERM_STEP_SECONDS);
            ArrayNode values = shortTerm.putArray("values");
            for (double v : r.shortTermLufs()) {
                if (Double.isFinite(v)) {
                    values.add(round(v, 2));
                } else {
                    values.addNull();
                }
            }
        }
        return node;
    }

    private static void outcome(ObjectNode node, MasteringOutcome outcome) {
        node.put("outcome", outcome.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        node.put("policy", outcome.description());
        node.put("targetReached", outcome == MasteringOutcome.TARGET_REACHED);
        node.put("delivered", outcome.delivered());
    }

    private static void figures(ObjectNode node, LoudnessFigures f) {
        number(node, "integratedLufs", f.integratedLufs());
        number(node, "loudnessRangeLu", f.loudnessRangeLu());
        number(node, "truePeakDbtp", f.truePeakDbtp());
        number(node, "samplePeakDbfs", f.samplePeakDbfs());
        number(node, "plrDb", f.plrDb());
    }

    private static void number(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, round(value, 3));
        } else {
            node.putNull(key);
        }
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a mastering report", e);
        }
    }
}
