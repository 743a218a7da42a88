package io.mixfarm.contract;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mixfarm.manifest.ManifestParser;
import io.mixfarm.manifest.Session;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What changes a song's input hashes, and what does not. */
class InputHashTest {

    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);

    private static Session session(String songTitle, String fader, String target) {
        return ManifestParser.parse("""
                apiVersion: mixfarm/v1
                kind: Session
                id: s
                title: Album
                artist: Artist
                sampleRate: 48000
                output: s3://out/s/
                mastering: {preset: streaming, targetLufs: %s}
                songs:
                  - id: one
                    title: %s
                    stems:
                      - {id: bass, uri: s3://stems/bass.wav, strip: {faderDb: %s}}
                """.formatted(target, songTitle, fader), "test");
    }

    private static SongSpec spec(Session s) {
        return SongSpec.of(s, s.songs().get(0), "s3://out/s/");
    }

    private static List<StemLocation> stems(String sha, String uri) {
        return List.of(new StemLocation("bass", uri, 10L, sha));
    }

    @Test
    void theMixHashFollowsTheStemsContentAndTheStripButNotTheirLocationTitleOrMastering() {
        String mix = InputHash.mix(spec(session("One", "-2", "-14")), stems(SHA_A, "s3://stems/bass.wav"));
        assertEquals(64, mix.length());
        assertEquals(mix, InputHash.mix(spec(session("One", "-2", "-14")), stems(SHA_A, "s3://elsewhere/b.wav")),
                "a stem is its content, wherever it lives");
        assertEquals(mix, InputHash.mix(spec(session("Renamed", "-2", "-16")), stems(SHA_A, "s3://stems/bass.wav")),
                "title and mastering do not shape the mix");
        assertNotEquals(mix, InputHash.mix(spec(session("One", "-3", "-14")), stems(SHA_A, "s3://stems/bass.wav")));
        assertNotEquals(mix, InputHash.mix(spec(session("One", "-2", "-14")), stems(SHA_B, "s3://stems/bass.wav")));
        assertNull(InputHash.mix(spec(session("One", "-2", "-14")), stems(null, "s3://stems/bass.wav")),
                "a stem of unknown content: no hash");
    }

    @Test
    void theSongHashAlsoFollowsTheMasteringAndTheTags() {
        String song = InputHash.song(spec(session("One", "-2", "-14")), stems(SHA_A, "s3://stems/bass.wav"));
        assertEquals(song, InputHash.song(spec(session("One", "-2", "-14")), stems(SHA_A, "s3://stems/bass.wav")));
        assertNotEquals(song, InputHash.song(spec(session("One", "-2", "-16")), stems(SHA_A, "s3://stems/bass.wav")));
        assertNotEquals(song, InputHash.song(spec(session("Renamed", "-2", "-14")), stems(SHA_A, "s3://stems/bass.wav")));
    }

    @Test
    void theAlbumHashCoversEverySongInOrder() {
        var mastering = JsonNodeFactory.instance.objectNode().put("albumMode", true);
        String album = InputHash.album(List.of(SHA_A, SHA_B), mastering);
        assertNotEquals(album, InputHash.album(List.of(SHA_B, SHA_A), mastering));
        assertNotEquals(album, InputHash.album(List.of(SHA_A, SHA_A), mastering));
        assertNull(InputHash.album(java.util.Arrays.asList(SHA_A, null), mastering));
    }

    @Test
    void canonicalJsonSortsKeysAtEveryDepth() {
        var a = JsonNodeFactory.instance.objectNode();
        a.put("b", 1).putObject("a").put("y", 2).put("x", 3);
        var b = JsonNodeFactory.instance.objectNode();
        b.putObject("a").put("x", 3).put("y", 2);
        b.put("b", 1);
        assertEquals(InputHash.sha256(a), InputHash.sha256(b));
    }
}
