package io.mixfarm.cli.master;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.engine.deliver.DeliveryResult;
import io.mixfarm.render.MasteringReportJson;

/** The JSON form of a mastering result: the song report plus the file actually written. */
final class MasterJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MasterJson() {
    }

    static ObjectNode node(MasterJob.Result result) {
        if (result.failed()) {
            ObjectNode node = JSON.createObjectNode();
            node.put("source", result.job().input().toString());
            node.put("error", result.error());
            return node;
        }
        ObjectNode node = MasteringReportJson.songNode(result.song().report(), true);
        DeliveryResult f = result.file();
        if (f == null && result.song().report().outcome().delivered()) {
            ObjectNode file = node.putObject("file");
            MasterJob job = result.job();
            file.put("path", job.output().toString());
            file.put("container", job.container().name().toLowerCase(java.util.Locale.ROOT));
            file.put("sampleRate", result.song().report().sampleRate());
            file.put("format", job.format().name());
            file.put("measured", "as the output (written at the master's rate; dither adds at most 1.5 LSB)");
        }
        if (f != null) {
            ObjectNode file = node.putObject("file");
            file.put("path", f.path().toString());
            file.put("container", f.container().name().toLowerCase(java.util.Locale.ROOT));
            file.put("sampleRate", f.sampleRate());
            file.put("format", f.format().name());
            file.put("frames", f.frames());
            file.put("sha256", f.sha256());
            number(file, "integratedLufs", f.integratedLufs());
            number(file, "truePeakDbtp", f.truePeakDbtp());
            number(file, "interSamplePeakDbtp", f.interSamplePeakDbtp());
            number(file, "samplePeakDbfs", f.samplePeakDbfs());
            file.put("clippedSamples", f.clippedSamples());
        }
        return node;
    }

    static String text(Object node) throws com.fasterxml.jackson.core.JsonProcessingException {
        return JSON.writeValueAsString(node);
    }

    private static void number(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, Math.round(value * 1000) / 1000.0);
        } else {
            node.putNull(key);
        }
    }
}
