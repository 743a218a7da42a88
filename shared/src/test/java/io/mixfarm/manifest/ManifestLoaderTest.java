package io.mixfarm.manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ManifestLoaderTest {

    private static final String MANIFEST = TestManifests.session("", """

              - id: song
                title: Song
                stems:
                  - {id: bass, uri: stems/bass.wav}
                  - {id: kick, uri: stems/kick.wav}
                  - {id: pad, uri: stems}
                  - {id: remote, uri: s3://stems/song/vox.wav}
            """);

    @Test
    void reportsLocalStemsThatAreMissing(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("stems"));
        Files.write(dir.resolve("stems/bass.wav"), new byte[] {1, 2, 3});
        Session session = ManifestParser.parse(MANIFEST, "album.yaml");
        assertEquals(List.of(
                "songs[0].stems[1].uri: file not found: stems/kick.wav",
                "songs[0].stems[2].uri: not a file: stems"),
                LocalStems.findMissing(session, dir).stream().map(ManifestProblem::toString).toList());
    }

    @Test
    void loadPlacesEveryProblemAtItsLine(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("stems"));
        Files.write(dir.resolve("stems/bass.wav"), new byte[] {1});
        Path file = dir.resolve("album.yaml");
        Files.writeString(file, MANIFEST.replace("sampleRate: 48000", "sampleRate: 100"));
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestLoader.load(file));
        assertEquals("album.yaml", e.sourceName());
        assertEquals(List.of(
                "sampleRate (line 6, column 1): 100 is below 8000 Hz",
                "songs[0].stems[1].uri (line 13, column 20): file not found: stems/kick.wav",
                "songs[0].stems[2].uri (line 14, column 19): not a file: stems"),
                e.problems().stream().map(ManifestProblem::toString).toList());
    }

    @Test
    void missingFieldsArePlacedAtTheirObject() {
        String yaml = TestManifests.session("", "\n  - id: song\n    stems: [{id: a, uri: a.wav}]\n");
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestLoader.load(yaml, "upload.yaml"));
        assertEquals(List.of("songs[0].title (line 9, column 5): is required"),
                e.problems().stream().map(ManifestProblem::toString).toList());
    }

    @Test
    void loadsAValidManifestWithItsStems(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("stems"));
        Files.write(dir.resolve("stems/a.wav"), new byte[] {1});
        Path file = dir.resolve("album.yaml");
        Files.writeString(file, TestManifests.oneStem(""));
        assertEquals("stems/a.wav", ManifestLoader.load(file).songs().get(0).stems().get(0).uri());
    }

    @Test
    void hugeFileIsRejectedWithoutReadingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("huge.yaml");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(100L * 1024 * 1024);
        }
        ManifestException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(ManifestException.class, () -> ManifestLoader.load(file)));
        assertEquals("huge.yaml: invalid manifest, 1 problem\n  the file has 104857600 bytes; the limit is 10485760",
                e.getMessage());
    }

    @Test
    void fileThatIsNotUtf8(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[] {'t', 'i', 't', 'l', 'e', ':', ' ', (byte) 0xE9, '\n'});
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestLoader.load(file));
        assertEquals(List.of(new ManifestProblem("", "the file is not UTF-8 text")), e.problems());
    }

    @Test
    void fileThatDoesNotExist(@TempDir Path dir) {
        Path file = dir.resolve("none.yaml");
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestLoader.load(file));
        assertEquals(List.of(new ManifestProblem("", "file not found: " + file)), e.problems());
    }
}
