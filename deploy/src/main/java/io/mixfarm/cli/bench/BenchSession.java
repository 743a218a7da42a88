package io.mixfarm.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;
import io.mixfarm.worker.storage.Sha256;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's session: many one-second songs mixed from a handful of shared one-second
 * stems, so the per-song DSP is small and what is measured is the control plane. Also used by
 * the whole-farm scheduling tests.
 */
public final class BenchSession {

    private static final int STEMS = 4;
    private static final int STEMS_PER_SONG = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchSession() {
    }

    /**
     * Writes the shared stems (one-second mono sines at {@code rate}, the session's rate: the
     * lower it is, the less DSP per song) to {@code s3://bucket/control-plane/}; returns their URIs. */
    public static List<String> uploadStems(S3Client s3, String bucket, Path scratch, int rate) throws IOException {
        List<String> uris = new ArrayList<>();
        for (int i = 0; i < STEMS; i++) {
            Path file = scratch.resolve("stem-" + i + ".wav");
            double[][] block = new double[1][rate];
            double hz = 110.0 * (i + 1);
            for (int n = 0; n < rate; n++) {
                block[0][n] = 0.2 * Math.sin(2 * Math.PI * hz * n / rate);
            }
            try (AudioWriter writer = AudioFiles.create(file, new WriteSpec(Container.WAV, rate, 1,
                    SampleFormat.PCM_16))) {
                writer.write(block, rate);
            }
            String key = "control-plane/stem-" + i + ".wav";
            // with its SHA-256 as `farm submit` stores it: the coordinator passes it on, workers verify
            // (and cache) the stem by it
            String sha256 = Sha256.of(file);
            s3.putObject(b -> b.bucket(bucket).key(key).metadata(Map.of("sha256", sha256)),
                    RequestBody.fromFile(file));
            uris.add("s3://" + bucket + "/" + key);
        }
        return uris;
    }

    /** A manifest (JSON) of {@code songs} songs, each of two of the shared stems, one 16-bit WAV master each. */
    public static String manifest(String id, int songs, List<String> stems, int rate) {
        ObjectNode m = JSON.createObjectNode();
        m.put("apiVersion", "mixfarm/v1").put("kind", "Session").put("id", id)
                .put("title", "Control-plane benchmark").put("artist", "Mixfarm")
                .put("sampleRate", rate).put("output", id);
        ObjectNode mastering = m.putObject("mastering");
        mastering.put("preset", "streaming").put("albumMode", false);
        mastering.putArray("deliverables").addObject().put("format", "wav").put("bitDepth", 16);
        ArrayNode list = m.putArray("songs");
        for (int s = 0; s < songs; s++) {
            ObjectNode song = list.addObject();
            song.put("id", String.format("song-%05d", s + 1)).put("title", "Song " + (s + 1));
            ArrayNode songStems = song.putArray("stems");
            for (int j = 0; j < STEMS_PER_SONG; j++) {
                songStems.addObject().put("id", "stem-" + (j + 1)).put("uri", stems.get((s + j) % stems.size()));
            }
        }
        try {
            return JSON.writeValueAsString(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // scratch only
        }
    }
}
