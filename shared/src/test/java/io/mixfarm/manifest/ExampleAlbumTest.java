package io.mixfarm.manifest;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** examples/album.yaml is what people copy: it must stay valid and mean what its comments say. */
class ExampleAlbumTest {

    private static final String TEXT = TestManifests.read(TestManifests.repositoryRoot().resolve("examples/album.yaml"));
    private static final Session ALBUM = ManifestParser.parse(TEXT, "album.yaml");

    @Test
    void parsesAndValidatesWithoutProblems() {
        assertEquals(List.of(), ManifestValidator.validate(ALBUM));
        assertEquals(ALBUM, ManifestLoader.load(TEXT, "album.yaml"));
    }

    @Test
    void hasWhatTheExampleIsMeantToShow() {
        assertEquals(3, ALBUM.songs().size());
        assertEquals(List.of(Bus.Type.GROUP, Bus.Type.GROUP, Bus.Type.REVERB, Bus.Type.DELAY),
                ALBUM.buses().stream().map(Bus::type).toList());
        assertEquals(3, ALBUM.mastering().deliverables().size());
        Stem vocal = ALBUM.songs().get(0).stems().get(4);
        assertEquals(3, vocal.strip().automation().size());
    }

    @Test
    void commentedFiguresHold() {
        // "a dotted eighth at 96 quarter notes per minute = 468.75 ms"
        assertEquals(468.75, ALBUM.buses().get(3).delay().delayMs(), 1e-9);
        // song 3 overrides the ceiling and width only; the rest comes from the album
        Mastering lastExit = ALBUM.masteringFor(ALBUM.songs().get(2));
        assertEquals(-1.5, lastExit.ceilingDbtp());
        assertEquals(0.95, lastExit.stereoWidth());
        assertEquals(-14.0, lastExit.targetLufs());
        assertEquals(Boolean.TRUE, lastExit.albumMode());
        Mastering headlights = ALBUM.masteringFor(ALBUM.songs().get(0));
        assertEquals(-1.0, headlights.ceilingDbtp());
        assertEquals(new Deliverable(Deliverable.Format.WAV, 24, 48000, Deliverable.Dither.TPDF),
                headlights.deliverables().get(0));
        assertEquals(Deliverable.Dither.NONE, headlights.deliverables().get(2).dither());
        assertNull(headlights.multiband().mid());
    }

    @Test
    void serializedAlbumParsesBackToTheSameModel() throws Exception {
        String json = new ObjectMapper().writeValueAsString(ALBUM);
        assertEquals(ALBUM, ManifestParser.parse(json, "album.json"));
    }
}
