package io.mixfarm.manifest;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;

import static io.mixfarm.manifest.TestManifests.problems;
import static io.mixfarm.manifest.TestManifests.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Songs that name a finished source instead of stems, and analyze jobs. */
class SourceSongTest {

    @Test
    void aSongWithASourceAndNoStemsIsValidAndHasNoStems() {
        String yaml = session("job: analyze\n",
                "[{id: a, title: A, source: s3://catalogue/a/one.flac, album: \"Folder A/\"}]");
        assertEquals(List.of(), problems(yaml));
        Session session = ManifestParser.parse(yaml, "test.yaml");
        assertTrue(session.analyzeOnly());
        Song song = session.songs().get(0);
        assertTrue(song.hasSource());
        assertEquals(List.of(), song.stems());
        assertEquals("Folder A/", song.album());
    }

    @Test
    void theJobDefaultsToRender() {
        Session session = ManifestParser.parse(session("", "[{id: a, title: A, source: mixes/a.wav}]"), "t.yaml");
        assertFalse(session.analyzeOnly());
        assertEquals(null, session.job());
    }

    @Test
    void aSongNamesExactlyOneOfStemsAndSource() {
        assertEquals(List.of("songs[0].source: a song names either stems or a source, not both"), problems(session("",
                "[{id: a, title: A, source: s3://bkt/a.wav, stems: [{id: s, uri: s3://bkt/s.wav}]}]")));
        assertEquals(List.of("songs[0]: a song needs stems or a finished source"),
                problems(session("", "[{id: a, title: A}]")));
    }

    @Test
    void sourceLocationsAndAlbumsAreChecked() {
        assertEquals(List.of(
                        "songs[0].source: \"/abs/a.wav\" is an absolute path; give a path relative to the manifest or an s3:// URI",
                        "songs[1].source: \"s3://bucket\" names no object (expected s3://bucket/key)",
                        "songs[1].album: is blank"),
                problems(session("", "[{id: a, title: A, source: /abs/a.wav}, {id: b, title: B, source: \"s3://bucket\", album: \" \"}]")));
    }

    @Test
    void deliverToIsAnS3LocationOrARelativeKey() {
        assertEquals(List.of(), problems(session("", "[{id: a, title: A, source: a.wav, deliverTo: \"x/Album 1/01 Song\"},"
                + " {id: b, title: B, source: b.wav, deliverTo: \"s3://out/x/02\", artist: Someone}]")));
        assertEquals(List.of(
                        "songs[0].deliverTo: \"x/../y\" has an empty, '.' or '..' segment; give a relative key like "
                                + "\"artist/album/01 song\"",
                        "songs[1].deliverTo: \"s3://out/\" names no object (expected s3://bucket/key)",
                        "songs[2].deliverTo: \"/abs\" has an empty, '.' or '..' segment; give a relative key like "
                                + "\"artist/album/01 song\"",
                        "songs[3].deliverTo: \"http://x/y\" is not an s3:// location or a relative key"),
                problems(session("", "[{id: a, title: A, source: a.wav, deliverTo: x/../y},"
                        + " {id: b, title: B, source: b.wav, deliverTo: \"s3://out/\"},"
                        + " {id: c, title: C, source: c.wav, deliverTo: /abs},"
                        + " {id: d, title: D, source: d.wav, deliverTo: \"http://x/y\"}]")));
    }

    @Test
    void anUnknownJobIsAShapeError() {
        List<String> problems = TestManifests.parseProblems(session("job: remix\n", "[{id: a, title: A, source: a.wav}]"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("job"), problems.toString());
    }

    @Test
    void localSourcesMustExistNextToTheManifest(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("here.wav"), "x");
        Session session = ManifestParser.parse(session("",
                "[{id: a, title: A, source: here.wav}, {id: b, title: B, source: gone.wav}]"), "t.yaml");
        assertEquals(List.of(new ManifestProblem("songs[1].source", "file not found: gone.wav")),
                LocalStems.findMissing(session, dir));
    }
}
