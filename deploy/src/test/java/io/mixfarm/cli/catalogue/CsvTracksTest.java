package io.mixfarm.cli.catalogue;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvTracksTest {

    private static List<Track> read(String text) throws Exception {
        List<Track> tracks = new ArrayList<>();
        try (CsvTracks csv = new CsvTracks(new BufferedReader(new StringReader(text)), "t.csv")) {
            csv.forEachRemaining(tracks::add);
        }
        return tracks;
    }

    @Test
    void headerColumnsInAnyOrderAndQuotedFields() throws Exception {
        List<Track> tracks = read("""
                Album,Song ID,source,Title,extra
                "A, B",s1,s3://bkt/x/1.wav,"Say ""hi""\",ignored

                ,,s3://bkt/y/2.flac,,
                """);
        assertEquals(2, tracks.size());
        Track first = tracks.get(0);
        assertEquals("s3://bkt/x/1.wav", first.uri().toString());
        assertEquals("A, B", first.album());
        assertEquals("s1", first.songId());
        assertEquals("Say \"hi\"", first.title());
        assertEquals("x/1.wav", first.relative());
        Track second = tracks.get(1);
        assertEquals(null, second.album());
        assertEquals(null, second.title());
        assertEquals("2", second.baseName());
    }

    @Test
    void aFileOfBareUrisHasNoHeader() throws Exception {
        assertEquals(List.of("a/1.wav", "b/2.wav"),
                read("s3://bkt/a/1.wav\ns3://bkt/b/2.wav\n").stream().map(Track::relative).toList());
    }

    @Test
    void badRowsNameTheirLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read("uri,title\ns3://bkt/a.wav,A\n/local/b.wav,B\n"));
        assertTrue(e.getMessage().startsWith("t.csv line 3: "), e.getMessage());
        IllegalArgumentException noUri = assertThrows(IllegalArgumentException.class, () -> read("title,album\nA,B\n"));
        assertTrue(noUri.getMessage().contains("no uri column"), noUri.getMessage());
    }
}
