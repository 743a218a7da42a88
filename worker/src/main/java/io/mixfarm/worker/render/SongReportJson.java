package io.mixfarm.worker.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.engine.deliver.DeliveryResult;
import io.mixfarm.engine.master.LoudnessFigures;
import io.mixfarm.engine.master.SongAnalysis;
import io.mixfarm.engine.master.SongReport;
import io.mixfarm.render.MasteringReportJson;

import java.util.List;
import java.util.Locale;

/**
 * The song report a task writes beside its masters and carries in its COMPLETED event: the task
 * header, the mastering report ({@link MasteringReportJson}, with the short-term curve) and each
 * deliverable as measured on the file. Holds nothing that differs between two renders of the same
 * task (no times, no worker, no local paths), so a redelivered task writes the same report.
 * Non-finite values (silence) are null.
 */
final class SongReportJson {

    static final int VERSION = 1;

    private SongReportJson() {
    }

    static ObjectNode analysis(RenderTask task, SongAnalysis measured) {
        ObjectNode root = header(task);
        root.put("durationSeconds", round((double) measured.frames() / measured.info().sampleRate()));
        figures(root.putObject("mix"), measured.input());
        figures(root.putObject("preLimiter"), measured.pre());
        return root;
    }

    static ObjectNode master(RenderTask task, SongReport mastering, List<DeliveryResult> files) {
        ObjectNode root = header(task);
        if (task.albumGainDb() != null) {
            number(root, "albumGainDb", task.albumGainDb());
        }
        root.set("mastering", MasteringReportJson.songNode(mastering, true));
        ArrayNode deliverables = root.putArray("deliverables");
        for (DeliveryResult file : files) {
            ObjectNode node = deliverables.addObject();
            node.put("file", file.path().getFileName().toString());
            node.put("container", file.container().name().toLowerCase(Locale.ROOT));
            node.put("sampleRate", file.sampleRate());
            node.put("format", file.format().name().toLowerCase(Locale.ROOT));
            node.put("dither", file.dither().name().toLowerCase(Locale.ROOT));
            node.put("frames", file.frames());
            node.put("bytes", file.bytes());
            node.put("sha256", file.sha256());
            number(node, "integratedLufs", file.integratedLufs());
            number(node, "loudnessRangeLu", file.loudnessRangeLu());
            number(node, "truePeakDbtp", file.truePeakDbtp());
            number(node, "interSamplePeakDbtp", file.interSamplePeakDbtp());
            number(node, "samplePeakDbfs", file.samplePeakDbfs());
            node.put("clippedSamples", file.clippedSamples());
        }
        return root;
    }

    static byte[] bytes(ObjectNode report) {
        try {
            return ContractJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a song report", e);
        }
    }

    private static ObjectNode header(RenderTask task) {
        ObjectNode root = ContractJson.mapper().createObjectNode();
        root.put("reportVersion", VERSION);
        root.put("sessionId", task.sessionId());
        root.put("songId", task.songId());
        root.put("title", task.spec().song().title());
        root.put("phase", task.phase().name().toLowerCase(Locale.ROOT));
        root.put("sampleRate", task.spec().sampleRate());
        return root;
    }

    private static void figures(ObjectNode node, LoudnessFigures f) {
        number(node, "integratedLufs", f.integratedLufs());
        number(node, "loudnessRangeLu", f.loudnessRangeLu());
        number(node, "truePeakDbtp", f.truePeakDbtp());
        number(node, "samplePeakDbfs", f.samplePeakDbfs());
    }

    private static void number(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, round(value));
        } else {
            node.putNull(key);
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
