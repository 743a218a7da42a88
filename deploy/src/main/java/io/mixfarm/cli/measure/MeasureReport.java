package io.mixfarm.cli.measure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.engine.analysis.LoudnessMeasurement;
import io.mixfarm.engine.loudness.GatingBlocks;
import io.mixfarm.engine.loudness.Loudness;
import io.mixfarm.render.JsonNumbers;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Renders measurements as aligned text lines or JSON. */
public final class MeasureReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<MeasuredFile> results;
    private final boolean album;

    public MeasureReport(List<MeasuredFile> results, boolean album) {
        this.results = results;
        this.album = album;
    }

    /** Album loudness over every measured file's gating blocks pooled; NaN when none was measured. */
    public double albumIntegratedLufs() {
        List<GatingBlocks> pooled = results.stream().filter(r -> !r.failed())
                .map(r -> r.measurement().gatingBlocks()).toList();
        return pooled.isEmpty() ? Double.NaN : Loudness.albumIntegratedLufs(pooled);
    }

    public void printText(PrintStream out) {
        int width = results.stream().mapToInt(r -> r.file().toString().length()).max().orElse(4);
        for (MeasuredFile result : results) {
            String name = pad(result.file().toString(), width);
            if (result.failed()) {
                out.println(name + "  error: " + result.error());
                continue;
            }
            LoudnessMeasurement m = result.measurement();
            out.println(String.format(Locale.ROOT, "%s  I %6s LUFS  LRA %5s LU  TP %6s dBTP  SP %6s dBFS  %6d Hz  %d ch  %s",
                    name, fmt(m.integratedLufs()), fmt(m.loudnessRangeLu()), fmt(m.truePeakDbtp()),
                    fmt(m.samplePeakDbfs()), m.info().sampleRate(), m.info().channels(),
                    duration(m.durationSeconds())));
        }
        if (album) {
            out.println(String.format(Locale.ROOT, "%s  I %6s LUFS  (%d files, gating blocks pooled)",
                    pad("album", width), fmt(albumIntegratedLufs()),
                    results.stream().filter(r -> !r.failed()).count()));
        }
    }

    public String json() throws com.fasterxml.jackson.core.JsonProcessingException {
        ArrayNode files = JSON.createArrayNode();
        for (MeasuredFile result : results) {
            files.add(fileNode(result));
        }
        if (!album) {
            return JSON.writeValueAsString(files);
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("files", files);
        ObjectNode albumNode = root.putObject("album");
        JsonNumbers.put(albumNode, "integratedLufs", albumIntegratedLufs());
        albumNode.put("files", results.stream().filter(r -> !r.failed()).count());
        return JSON.writeValueAsString(root);
    }

    private static ObjectNode fileNode(MeasuredFile result) {
        ObjectNode node = JSON.createObjectNode();
        node.put("file", result.file().toString());
        if (result.failed()) {
            node.put("error", result.error());
            return node;
        }
        LoudnessMeasurement m = result.measurement();
        JsonNumbers.put(node, "integratedLufs", m.integratedLufs());
        JsonNumbers.put(node, "loudnessRangeLu", m.loudnessRangeLu());
        JsonNumbers.put(node, "truePeakDbtp", m.truePeakDbtp());
        JsonNumbers.put(node, "samplePeakDbfs", m.samplePeakDbfs());
        node.put("sampleRate", m.info().sampleRate());
        node.put("channels", m.info().channels());
        node.put("durationSeconds", JsonNumbers.round(m.durationSeconds(), 6));
        return node;
    }



    private static String fmt(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Double.isInfinite(value)) {
            return value < 0 ? "-inf" : "+inf";
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String duration(double seconds) {
        long tenths = Math.round(seconds * 10);
        return String.format(Locale.ROOT, "%d:%02d.%d", tenths / 600, (tenths / 10) % 60, tenths % 10);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
