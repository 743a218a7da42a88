package io.mixfarm.manifest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.mixfarm.manifest.TestManifests.oneStem;
import static io.mixfarm.manifest.TestManifests.parseProblems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestParserTest {

    private static final String SMALL_YAML = """
            apiVersion: mixfarm/v1
            kind: Session
            id: ep
            title: EP
            artist: Someone
            sampleRate: 44100
            output: s3://masters/ep/
            buses:
              - id: plate
                type: reverb
                reverb: {decaySeconds: 1.5}
            songs:
              - id: one
                title: One
                isrc: GB-A1B-24-00001
                stems:
                  - id: vox
                    uri: stems/vox.wav
                    strip:
                      eq: [{type: bell, freqHz: 3000, gainDb: 2}]
                      automation: [{timeSeconds: 0, faderDb: -2}, {timeSeconds: 10.5, faderDb: 0}]
                    sends: [{bus: plate, levelDb: -12}]
            """;

    private static final String SMALL_JSON = """
            {
              "apiVersion": "mixfarm/v1", "kind": "Session", "id": "ep", "title": "EP", "artist": "Someone",
              "sampleRate": 44100, "output": "s3://masters/ep/",
              "buses": [{"id": "plate", "type": "reverb", "reverb": {"decaySeconds": 1.5}}],
              "songs": [{
                "id": "one", "title": "One", "isrc": "GB-A1B-24-00001",
                "stems": [{
                  "id": "vox", "uri": "stems/vox.wav",
                  "strip": {
                    "eq": [{"type": "bell", "freqHz": 3000, "gainDb": 2}],
                    "automation": [{"timeSeconds": 0, "faderDb": -2}, {"timeSeconds": 10.5, "faderDb": 0}]
                  },
                  "sends": [{"bus": "plate", "levelDb": -12}]
                }]
              }]
            }
            """;

    @Test
    void yamlAndJsonOfTheSameSessionAreEqual() {
        Session fromYaml = ManifestParser.parse(SMALL_YAML, "ep.yaml");
        Session fromJson = ManifestParser.parse(SMALL_JSON, "ep.json");
        assertEquals(fromYaml, fromJson);
        assertEquals(-12.0, fromJson.songs().get(0).stems().get(0).sends().get(0).levelDb());
        assertTrue(ManifestParser.looksLikeJson(SMALL_JSON));
    }

    @Test
    void theExampleAlbumConvertedToJsonParsesToTheSameModel() throws Exception {
        String yaml = TestManifests.read(TestManifests.repositoryRoot().resolve("examples/album.yaml"));
        // Jackson's own YAML reader is an independent path from YAML text to a JSON document.
        String json = new ObjectMapper().writeValueAsString(new YAMLMapper().readTree(yaml));
        assertEquals(ManifestParser.parse(yaml, "album.yaml"), ManifestParser.parse(json, "album.json"));
    }

    @Test
    void serializedSessionsParseBackToEqualModels() throws Exception {
        Session session = ManifestParser.parse(SMALL_YAML, "ep.yaml");
        String json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).writeValueAsString(session);
        assertEquals(session, ManifestParser.parse(json, "ep.json"));
    }

    @Test
    void defaultsAreFilledIn() {
        Stem stem = ManifestParser.parse(oneStem(""), "t.yaml").songs().get(0).stems().get(0);
        assertEquals(Strip.NEUTRAL, stem.strip());
        assertEquals(0.0, stem.strip().trimDb());
        assertEquals(1.0, stem.strip().width());
        assertEquals(Boolean.FALSE, stem.strip().mute());
        assertEquals(List.of(), stem.sends());
        assertEquals(null, stem.bus());
    }

    @Test
    void unknownFieldNamesItsPathAndLine() {
        String yaml = SMALL_YAML.replace("          eq: [", "          gian: 3\n          eq: [");
        assertEquals(List.of("songs[0].stems[0].strip.gian (line 20, column 11): unknown field (known fields: trimDb, "
                + "invertPolarity, highPass, lowPass, eq, compressor, pan, balance, width, faderDb, automation, mute, solo)"),
                parseProblems(yaml));
    }

    @Test
    void unknownFieldInJsonNamesItsPathAndLine() {
        String json = SMALL_JSON.replace("\"levelDb\": -12", "\"levelDb\": -12, \"postFader\": true");
        assertEquals(List.of("songs[0].stems[0].sends[0].postFader (line 13, column 50): unknown field "
                + "(known fields: bus, levelDb, preFader)"), parseProblems(json));
    }

    @Test
    void typeErrorsAreAllCollected() {
        String yaml = """
                apiVersion: mixfarm/v1
                kind: Session
                id: 2024
                title: Album
                artist: Artist
                sampleRate: "48000"
                output: masters/
                songs:
                  - id: song
                    title: Song
                    stems:
                      - id: stem
                        uri: a.wav
                        strip: {mute: maybe, eq: [{type: peak, freqHz: 1k, gainDb: 1}, null], automation: 5}
                        bass: 1
                """;
        assertEquals(List.of(
                "id (line 3, column 1): expected text, got number 2024 (put it in quotes)",
                "sampleRate (line 6, column 1): expected a whole number, got text \"48000\"",
                "songs[0].stems[0].strip.mute (line 14, column 17): expected true or false, got text \"maybe\"",
                "songs[0].stems[0].strip.eq[0].type (line 14, column 36): \"peak\" is not one of bell, lowShelf, highShelf, notch",
                "songs[0].stems[0].strip.eq[0].freqHz (line 14, column 48): expected a number, got text \"1k\"",
                "songs[0].stems[0].strip.eq[1] (line 14, column 72): expected an object, got null",
                "songs[0].stems[0].strip.automation (line 14, column 79): expected a list, got number 5",
                "songs[0].stems[0].bass (line 15, column 9): unknown field (known fields: id, uri, strip, bus, sends)"),
                parseProblems(yaml));
    }

    @Test
    void wholeNumbersAreNotTruncated() {
        assertEquals(List.of("sampleRate (line 6, column 1): expected a whole number, got 48000.5"),
                parseProblems(oneStem("").replace("sampleRate: 48000", "sampleRate: 48000.5")));
        assertEquals(List.of("sampleRate (line 6, column 1): 99999999999 is too large"),
                parseProblems(oneStem("").replace("sampleRate: 48000", "sampleRate: 99999999999")));
    }

    @Test
    void wrongShapesAtTheTop() {
        assertEquals(List.of("line 1, column 1: expected an object with fields, got a list"), parseProblems("[1, 2]"));
        assertEquals(List.of("the document is empty"), parseProblems("# nothing here\n"));
    }

    @Test
    void yamlSyntaxErrorHasItsPosition() {
        String yaml = oneStem("").replace("kind: Session", "kind: [Session");
        List<String> problems = parseProblems(yaml);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("line 3, column 3: YAML syntax: "), problems.get(0));
    }

    @Test
    void jsonSyntaxErrorHasItsPosition() {
        String json = SMALL_JSON.replace("\"kind\": \"Session\",", "\"kind\": \"Session\" ");
        List<String> problems = parseProblems(json);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("line 2, column 50: syntax: Unexpected character ('\"'"), problems.get(0));
    }

    @Test
    void duplicateFieldsAreErrors() {
        String yaml = oneStem("").replace("title: Album\n", "title: Album\ntitle: Other\n");
        assertEquals(List.of("title (line 5, column 1): duplicate field (the first one is kept)"), parseProblems(yaml));
        String json = SMALL_JSON.replace("\"id\": \"ep\",", "\"id\": \"ep\", \"id\": \"ep2\",");
        assertEquals(List.of("id (line 2, column 62): duplicate field (the first one is kept)"), parseProblems(json));
    }

    @Test
    void severalDocumentsAreRejected() {
        List<String> problems = parseProblems(oneStem("") + "---\nid: other\n");
        assertEquals(List.of("line 10, column 1: only one document is allowed (remove the second '---' and what follows)"),
                problems);
    }

    @Test
    void yamlTagsAreRejected() {
        String yaml = oneStem("").replace("title: Album", "title: !!java.net.URL http://x");
        assertEquals(List.of("title (line 4, column 8): YAML tag tag:yaml.org,2002:java.net.URL is not supported"),
                parseProblems(yaml));
        String coreTag = oneStem("").replace("title: Album", "title: !!str 1999");
        assertEquals("1999", ManifestParser.parse(coreTag, "t.yaml").title());
    }

    @Test
    void aliasBombIsRejectedQuickly() {
        StringBuilder bomb = new StringBuilder("a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (int i = 1; i < 30; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        List<String> problems = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> parseProblems(bomb.toString()));
        assertEquals(List.of("a0 (line 1, column 5): YAML anchors (&a0) are not supported; write the value out"), problems);
    }

    @Test
    void aliasesAreRejectedRatherThanReadAsText() {
        String yaml = oneStem("").replace("title: Album", "title: *name");
        assertEquals(List.of("title (line 4, column 8): YAML aliases (*name) are not supported; write the value out"),
                parseProblems(yaml));
    }

    @Test
    void deepNestingIsRejectedQuickly() {
        String yaml = "songs: " + "[".repeat(200_000) + "]".repeat(200_000) + "\n";
        List<String> problems = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> parseProblems(yaml));
        assertEquals(List.of("songs[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]"
                + " (line 1, column 39): nested deeper than 32 levels"), problems);
        String json = "{\"songs\": " + "[".repeat(200_000) + "]".repeat(200_000) + "}";
        List<String> jsonProblems = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> parseProblems(json));
        assertEquals(1, jsonProblems.size());
        assertTrue(jsonProblems.get(0).endsWith("nested deeper than 32 levels"), jsonProblems.get(0));
    }

    @Test
    void hugeDocumentIsRejectedBeforeParsing() {
        int size = 100 * 1024 * 1024;
        String huge = "title: " + "x".repeat(size - 7);
        List<String> problems = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> parseProblems(huge));
        assertEquals(List.of("the document has 104857600 characters; the limit is 10485760"), problems);
    }

    @Test
    void exceptionCarriesSourceNameAndIsPermanent() {
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestParser.parse("[]", "upload-7.yaml"));
        assertEquals("upload-7.yaml", e.sourceName());
        assertEquals("upload-7.yaml: invalid manifest, 1 problem\n  line 1, column 1: expected an object with fields, got a list",
                e.getMessage());
        assertTrue(e instanceof io.mixfarm.engine.error.PermanentException);
    }
}
