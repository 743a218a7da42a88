package io.mixfarm.worker.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.engine.master.LoudnessFigures;
import io.mixfarm.engine.master.SongAnalysis;

import java.util.Locale;

/**
 * The report of an ANALYZE task, carried in its COMPLETED event: the mix's figures and those after
 * the pre-limiter chain. (FULL and MASTER tasks report what {@code farm render} writes,
 * {@link io.mixfarm.render.MasteringReportJson}.) Nothing in it differs between two renders of the
 * same task. Non-finite values (silence) are null.
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

    static ObjectNode header(RenderTask task) {
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

    static void number(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, round(value));
        } else {
            node.putNull(key);
        }
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
