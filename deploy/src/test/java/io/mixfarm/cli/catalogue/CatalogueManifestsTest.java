package io.mixfarm.cli.catalogue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.manifest.ManifestParser;
import io.mixfarm.manifest.ManifestValidator;
import io.mixfarm.manifest.Session;
import io.mixfarm.manifest.Song;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The manifests relevel and analyze build are valid sessions, also at a thousand songs a page. */
class CatalogueManifestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Track track(int album, int n) {
        String key = "Label/Artist " + album + "/Album (" + album + ")/" + String.format("%02d", n) + " Song #" + n + ".flac";
        return Track.listed(new S3Uri("catalogue", "in/" + key), key);
    }

    private static Session parsedAndValid(ObjectNode tree) throws Exception {
        Session session = ManifestParser.parse(JSON.writeValueAsString(tree), "built.json");
        assertEquals(List.of(), ManifestValidator.validate(session));
        return session;
    }

    @Test
    void aThousandSongRelevelPageIsValidAndMirrorsEveryKey() throws Exception {
        List<Track> tracks = IntStream.range(0, 1000).mapToObj(i -> track(i / 10, i % 10 + 1)).toList();
        ObjectNode tree = CatalogueManifests.relevel("relevel-00001", "s3://catalogue/in/ (part 1)",
                S3Uri.parse("s3://out/reports/relevel-00001/"), new RelevelJob.Delivery("streaming", 44_100, "flac", 16),
                false, tracks, S3Uri.parse("s3://out/mirror"));
        Session session = parsedAndValid(tree);
        assertEquals(1000, session.songs().size());
        Song first = session.songs().get(0);
        assertEquals("s3://catalogue/in/Label/Artist 0/Album (0)/01 Song #1.flac", first.source());
        assertEquals("s3://out/mirror/Label/Artist 0/Album (0)/01 Song #1", first.deliverTo());
        assertEquals("01 Song #1", first.title());
        assertTrue(first.id().matches("01-Song-1-[0-9a-f]{10}"), first.id());
        Set<String> ids = new HashSet<>();
        session.songs().forEach(s -> ids.add(s.id()));
        assertEquals(1000, ids.size(), "song ids are unique");
        int bytes = JSON.writeValueAsBytes(tree).length;
        assertTrue(bytes < 1_000_000, "a page is well under the session record's limit: " + bytes + " bytes");
    }

    @Test
    void anAnalyzePageNamesEachSongsAlbum() throws Exception {
        List<Track> tracks = List.of(track(1, 1), track(1, 2), track(2, 1));
        Pages pages = new Pages(tracks.iterator(), Pages.Grouping.FOLDER, 10, false);
        Session session = parsedAndValid(CatalogueManifests.analyze("analyze-00001", "analysis",
                S3Uri.parse("s3://out/analysis/"), pages.next().tracks(), pages::albumOf));
        assertTrue(session.analyzeOnly());
        assertEquals(List.of("Label/Artist 1/Album (1)/", "Label/Artist 1/Album (1)/", "Label/Artist 2/Album (2)/"),
                session.songs().stream().map(Song::album).toList());
    }

    @Test
    void tensOfThousandsOfTracksStreamThroughInPagesOfAtMostTheSize() {
        int total = 25_000;
        Iterator<Track> generated = new Iterator<>() {
            private int n;

            @Override
            public boolean hasNext() {
                return n < total;
            }

            @Override
            public Track next() {
                int i = n++;
                return track(i / 12, i % 12 + 1);
            }
        };
        Pages pages = new Pages(generated, Pages.Grouping.FOLDER, 1000, false);
        int count = 0;
        int songs = 0;
        while (pages.hasNext()) {
            Pages.Page page = pages.next();
            assertTrue(page.tracks().size() <= 1000 && page.tracks().size() % 12 == 0 || !pages.hasNext(),
                    "whole albums of 12, at most 1000: " + page.tracks().size());
            count++;
            songs += page.tracks().size();
        }
        assertEquals(total, songs);
        assertEquals(26, count, "996 songs (83 albums) a page");
    }
}
