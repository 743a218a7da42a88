package io.mixfarm.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.engine.analysis.LoudnessAnalyzer;
import io.mixfarm.engine.analysis.LoudnessMeasurement;
import io.mixfarm.engine.loudness.GatingBlocks;
import io.mixfarm.engine.loudness.Loudness;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks of a finished session's songs and masters, shared by the reliability tests. */
final class Masters {

    /** The streaming preset's target (non-album sessions: every song on its own). */
    static final double TARGET_LUFS = -14.0;

    private Masters() {
    }

    /**
     * Asserts that every song of {@code view} (except {@code failedSongs}) is COMPLETED with each
     * output once, downloads each 24-bit WAV master and asserts it measures on target under the
     * ceiling (album mode: the masters pooled on target). Returns song id → SHA-256 of its master.
     */
    static Map<String, String> assertMastered(JsonNode view, S3Client s3, Path scratch, Set<String> failedSongs)
            throws IOException {
        List<GatingBlocks> album = new ArrayList<>();
        Map<String, String> digests = check(view, s3, scratch, failedSongs, album);
        if (view.path("albumMode").asBoolean()) {
            assertEquals(TARGET_LUFS, Loudness.albumIntegratedLufs(album), 0.2, "the album's masters pooled");
        }
        return digests;
    }

    private static Map<String, String> check(JsonNode view, S3Client s3, Path scratch, Set<String> failedSongs,
                                             List<GatingBlocks> album) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        for (JsonNode song : view.path("songs")) {
            String id = song.path("songId").asText();
            if (failedSongs.contains(id)) {
                continue;
            }
            assertEquals("COMPLETED", song.path("state").asText(), song.toPrettyString());
            Set<String> names = new HashSet<>();
            JsonNode master = null;
            for (JsonNode output : song.path("outputs")) {
                assertTrue(names.add(output.path("name").asText()), "each output recorded once: " + song.path("outputs"));
                if (output.path("name").asText().endsWith(".wav")) {
                    master = output;
                }
            }
            assertNotNull(master, "the WAV master of " + id + ": " + song.path("outputs"));
            S3Uri uri = S3Uri.parseObject(master.path("uri").asText());
            Path local = scratch.resolve(view.path("sessionId").asText() + "-" + id + ".wav");
            Files.deleteIfExists(local);
            s3.getObject(b -> b.bucket(uri.bucket()).key(uri.key()), ResponseTransformer.toFile(local));
            LoudnessMeasurement measured = LoudnessAnalyzer.measure(local);
            if (view.path("albumMode").asBoolean()) {
                album.add(measured.gatingBlocks());
            } else {
                assertEquals(TARGET_LUFS, measured.integratedLufs(), 0.5, id + " measures on target");
            }
            assertTrue(measured.truePeakDbtp() <= -1.0 + 0.05, id + " under the ceiling: " + measured.truePeakDbtp());
            digests.put(id, sha256(local));
            Files.delete(local);
        }
        return digests;
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
