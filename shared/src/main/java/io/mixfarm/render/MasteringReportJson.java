package io.mixfarm.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.engine.audio.TrackMetadata;
import io.mixfarm.engine.deliver.DeliveryResult;
import io.mixfarm.engine.master.AlbumReport;
import io.mixfarm.engine.master.LoudnessFigures;
import io.mixfarm.engine.master.MasteringOutcome;
import io.mixfarm.engine.master.SongReport;

import java.util.List;
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

    /**
     * A song's {@code report.json}: the report with its curve, every delivered file as measured
     * ({@link #deliverableNode}) and the ReplayGain values written into the files' tags.
     */
    public static String song(SongReport report, List<DeliveryResult> files, TrackMetadata.ReplayGain trackGain,
                              TrackMetadata.ReplayGain albumGain) {
        ObjectNode node = songNode(report, true);
        ArrayNode list = node.putArray("deliverables");
        for (DeliveryResult f : files) {
            list.add(deliverableNode(f));
        }
        ObjectNode rg = node.putObject("replayGain");
        replayGain(rg, "track", trackGain);
        replayGain(rg, "album", albumGain);
        return write(node);
    }

    /** What was written for one deliverable, measured on its final samples. */
    public static ObjectNode deliverableNode(DeliveryResult f) {
        ObjectNode file = JSON.createObjectNode();
        file.put("file", f.path().getFileName().toString());
        file.put("container", f.container().name().toLowerCase(Locale.ROOT));
        file.put("sampleRate", f.sampleRate());
        file.put("format", f.format().name());
        file.put("dither", f.dither().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        file.put("frames", f.frames());
        file.put("bytes", f.bytes());
        file.put("sha256", f.sha256());
        JsonNumbers.put(file, "integratedLufs", f.integratedLufs());
        JsonNumbers.put(file, "loudnessRangeLu", f.loudnessRangeLu());
        JsonNumbers.put(file, "truePeakDbtp", f.truePeakDbtp());
        JsonNumbers.put(file, "interSamplePeakDbtp", f.interSamplePeakDbtp());
        JsonNumbers.put(file, "samplePeakDbfs", f.samplePeakDbfs());
        file.put("clippedSamples", f.clippedSamples());
        return file;
    }

    private static void replayGain(ObjectNode node, String key, TrackMetadata.ReplayGain gain) {
        if (gain == null) {
            node.putNull(key);
            return;
        }
        ObjectNode g = node.putObject(key);
        JsonNumbers.put(g, "gainDb", gain.gainDb());
        g.put("peak", JsonNumbers.round(gain.peak(), 6));
    }

    public static String album(AlbumReport report) {
        return write(albumNode(report));
    }

    /** {@code album-report.json}: {@code albumMode} says whether one gain served every song (else gainDb is null). */
    public static String album(AlbumReport report, boolean albumMode) {
        ObjectNode root = albumNode(report);
        root.put("albumMode", albumMode);
        return write(root);
    }

    private static ObjectNode albumNode(AlbumReport report) {
        ObjectNode root = JSON.createObjectNode();
        JsonNumbers.put(root, "targetLufs", report.targetLufs());
        JsonNumbers.put(root, "ceilingDbtp", report.ceilingDbtp());
        JsonNumbers.put(root, "inputAlbumLufs", report.inputAlbumLufs());
        JsonNumbers.put(root, "outputAlbumLufs", report.outputAlbumLufs());
        JsonNumbers.put(root, "gainDb", report.gainDb());
        outcome(root, report.outcome());
        root.put("renders", report.renders());
        ArrayNode table = root.putArray("songs");
        for (SongReport song : report.songs()) {
            table.add(songNode(song, true));
        }
        return root;
    }

    /** One song; {@code curve} adds the 10 Hz short-term loudness curve. */
    public static ObjectNode songNode(SongReport r, boolean curve) {
        ObjectNode node = JSON.createObjectNode();
        node.put("source", r.source());
        node.put("sampleRate", r.sampleRate());
        JsonNumbers.put(node, "durationSeconds", r.durationSeconds());
        JsonNumbers.put(node, "targetLufs", r.targetLufs());
        JsonNumbers.put(node, "ceilingDbtp", r.ceilingDbtp());
        figures(node.putObject("input"), r.input());
        figures(node.putObject("output"), r.output());
        JsonNumbers.put(node, "gainDb", r.gainDb());
        ObjectNode limiter = node.putObject("limiter");
        JsonNumbers.put(limiter, "aimDbtp", r.limiterAimDbtp());
        JsonNumbers.put(limiter, "maxGainReductionDb", r.limiterMaxReductionDb());
        JsonNumbers.put(limiter, "meanGainReductionDb", r.limiterMeanReductionDb());
        JsonNumbers.put(limiter, "maxLimitingDb", r.maxLimitingDb());
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
                    values.add(JsonNumbers.round(v, 2));
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
        JsonNumbers.put(node, "integratedLufs", f.integratedLufs());
        JsonNumbers.put(node, "loudnessRangeLu", f.loudnessRangeLu());
        JsonNumbers.put(node, "truePeakDbtp", f.truePeakDbtp());
        JsonNumbers.put(node, "samplePeakDbfs", f.samplePeakDbfs());
        JsonNumbers.put(node, "plrDb", f.plrDb());
    }



    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a mastering report", e);
        }
    }
}
