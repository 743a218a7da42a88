package io.mixfarm.worker.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.engine.analysis.LoudnessMeasurement;
import io.mixfarm.engine.deliver.DeliveryResult;
import io.mixfarm.engine.loudness.LoudnessMeter;

import java.util.List;
import java.util.Locale;

/**
 * The song report a task writes beside its masters and carries in its COMPLETED event. Holds
 * nothing that differs between two renders of the same task (no times, no worker), so a
 * redelivered task writes the same report. Non-finite values (silence) are written as null.
 */
final class SongReportJson {

    static final int VERSION = 1;

    private SongReportJson() {
    }

    static ObjectNode analysis(RenderTask task, LoudnessMeter meter) {
        ObjectNode root = header(task);
        ObjectNode mix = root.putObject("mix");
        number(mix, "integratedLufs", meter.integratedLufs());
        number(mix, "loudnessRangeLu", meter.loudnessRangeLu());
        number(mix, "truePeakDbtp", meter.truePeakDbtp());
        number(mix, "samplePeakDbfs", meter.samplePeakDbfs());
        number(mix, "durationSeconds", (double) meter.framesProcessed() / meter.sampleRate());
        return root;
    }

    static ObjectNode master(RenderTask task, LoudnessMeasurement mix, double gainDb, List<DeliveryResult> files) {
        ObjectNode root = header(task);
        ObjectNode mixNode = root.putObject("mix");
        number(mixNode, "integratedLufs", mix.integratedLufs());
        number(mixNode, "loudnessRangeLu", mix.loudnessRangeLu());
        number(mixNode, "truePeakDbtp", mix.truePeakDbtp());
        number(mixNode, "durationSeconds", mix.durationSeconds());
        ObjectNode mastering = root.putObject("mastering");
        number(mastering, "targetLufs", task.spec().mastering().targetLufs());
        number(mastering, "ceilingDbtp", task.spec().mastering().ceilingDbtp());
        number(mastering, "gainDb", gainDb);
        if (task.albumGainDb() != null) {
            number(mastering, "albumGainDb", task.albumGainDb());
        }
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

    private static void number(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, Math.round(value * 1000) / 1000.0);
        } else {
            node.putNull(key);
        }
    }
}
