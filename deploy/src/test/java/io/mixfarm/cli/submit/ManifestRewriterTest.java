package io.mixfarm.cli.submit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.contract.S3Uri;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ManifestRewriterTest {
    @TempDir
    Path dir;

    @Test
    void pointsLocalStemsAndTheLocalOutputAtS3AndLeavesS3UrisAlone() throws Exception {
        Path manifest = Files.writeString(dir.resolve("album.yaml"), """
                id: a
                output: ./out
                songs:
                  - id: s1
                    stems:
                      - {id: kick, uri: stems/kick.wav}
                      - {id: bass, uri: "s3://elsewhere/bass.wav"}
                      - {id: pad, uri: "file:///abs/pad.wav"}
                """);
        ObjectNode tree = ManifestRewriter.read(manifest);
        List<Path> asked = new ArrayList<>();
        ManifestRewriter.rewrite(tree, dir, file -> {
            asked.add(file);
            return new S3Uri("stems", "stems/sha256/" + asked.size());
        }, "masters");
        assertEquals(List.of(dir.resolve("stems/kick.wav"), Path.of("/abs/pad.wav")), asked);
        var stems = tree.path("songs").path(0).path("stems");
        assertEquals("s3://stems/stems/sha256/1", stems.path(0).path("uri").asText());
        assertEquals("s3://elsewhere/bass.wav", stems.path(1).path("uri").asText());
        assertEquals("s3://stems/stems/sha256/2", stems.path(2).path("uri").asText());
        assertEquals("s3://masters/out/", tree.path("output").asText());
    }

    @Test
    void aLocalSourceIsUploadedLikeAStem() throws Exception {
        Path manifest = Files.writeString(dir.resolve("m.yaml"), """
                id: a
                output: s3://b/x/
                songs:
                  - {id: s1, source: masters/one.flac}
                  - {id: s2, source: "s3://catalogue/two.wav"}
                """);
        ObjectNode tree = ManifestRewriter.read(manifest);
        List<Path> asked = new ArrayList<>();
        ManifestRewriter.rewrite(tree, dir, file -> {
            asked.add(file);
            return new S3Uri("stems", "stems/sha256/1");
        }, "masters");
        assertEquals(List.of(dir.resolve("masters/one.flac")), asked);
        assertEquals("s3://stems/stems/sha256/1", tree.path("songs").path(0).path("source").asText());
        assertEquals("s3://catalogue/two.wav", tree.path("songs").path(1).path("source").asText());
    }

    @Test
    void anS3OutputIsKept() throws Exception {
        Path manifest = Files.writeString(dir.resolve("m.yaml"), "id: a\noutput: s3://b/x/\nsongs: []\n");
        ObjectNode tree = ManifestRewriter.read(manifest);
        ManifestRewriter.rewrite(tree, dir, file -> {
            throw new AssertionError("no stems to upload");
        }, "masters");
        assertEquals("s3://b/x/", tree.path("output").asText());
    }
}
