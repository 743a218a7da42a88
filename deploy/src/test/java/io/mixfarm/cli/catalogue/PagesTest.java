package io.mixfarm.cli.catalogue;

import io.mixfarm.contract.S3Uri;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PagesTest {

    private static Track t(String relative) {
        return Track.listed(new S3Uri("bkt", "p/" + relative), relative);
    }

    private static List<Track> tracks(String... relative) {
        return List.of(relative).stream().map(PagesTest::t).toList();
    }

    private static List<List<String>> pages(Pages pages) {
        List<List<String>> out = new ArrayList<>();
        pages.forEachRemaining(p -> out.add(p.tracks().stream().map(Track::relative).toList()));
        return out;
    }

    @Test
    void withoutGroupingPagesAreRunsOfAtMostPageSize() {
        List<Track> all = IntStream.range(0, 7).mapToObj(i -> t("f" + i + ".wav")).toList();
        assertEquals(List.of(3, 3, 1), pages(new Pages(all.iterator(), Pages.Grouping.NONE, 3, true))
                .stream().map(List::size).toList());
    }

    @Test
    void aFolderIsOneAlbumEvenWhenItsSubfoldersKeysComeBetweenItsOwn() {
        // S3 key order: a/b/c/... sorts between a/b/1... and a/b/x...
        Pages pages = new Pages(tracks("a/b/1.wav", "a/b/c/2.wav", "a/b/c/3.wav", "a/b/x.wav", "d/4.wav").iterator(),
                Pages.Grouping.FOLDER, 10, true);
        List<Pages.Page> all = new ArrayList<>();
        pages.forEachRemaining(all::add);
        assertEquals(List.of("a/b/c/", "a/b/", "d/"), all.stream().map(Pages.Page::album).toList());
        assertEquals(List.of("a/b/1.wav", "a/b/x.wav"), all.get(1).tracks().stream().map(Track::relative).toList());
    }

    @Test
    void packedAlbumsAreNeverSplitAcrossPages() {
        Pages pages = new Pages(tracks("a/1.wav", "a/2.wav", "b/1.wav", "b/2.wav", "b/3.wav", "c/1.wav").iterator(),
                Pages.Grouping.FOLDER, 4, false);
        assertEquals(List.of(List.of("a/1.wav", "a/2.wav"), List.of("b/1.wav", "b/2.wav", "b/3.wav", "c/1.wav")),
                pages(pages));
    }

    @Test
    void csvAlbumsCloseWhenAnotherAlbumStarts() {
        Iterator<Track> rows = List.of(
                new Track(new S3Uri("bkt", "x/1.wav"), "x/1.wav", null, null, null, null, "One"),
                new Track(new S3Uri("bkt", "y/2.wav"), "y/2.wav", null, null, null, null, "One"),
                new Track(new S3Uri("bkt", "x/3.wav"), "x/3.wav", null, null, null, null, "Two")).iterator();
        List<Pages.Page> all = new ArrayList<>();
        new Pages(rows, Pages.Grouping.ALBUM, 5, true).forEachRemaining(all::add);
        assertEquals(List.of("One", "Two"), all.stream().map(Pages.Page::album).toList());
        assertEquals(2, all.get(0).tracks().size());
    }

    @Test
    void anAlbumLargerThanAPageIsRefusedAsSoonAsItIs() {
        Iterator<Track> endless = new Iterator<>() {
            private int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Track next() {
                return t("flat/" + n++ + ".wav");
            }
        };
        Pages pages = new Pages(endless, Pages.Grouping.FOLDER, 100, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, pages::hasNext);
        assertTrue(e.getMessage().contains("\"flat/\" has more than 100 tracks"), e.getMessage());
    }

    @Test
    void onlyAudioKeysAreTracks() {
        assertTrue(Track.isAudio("a/b/Song.FLAC"));
        assertTrue(Track.isAudio("x.aiff"));
        assertEquals(false, Track.isAudio("a/cover.jpg"));
        assertEquals(false, Track.isAudio("a/.wav"));
        assertEquals("a/b/01 Song", t("a/b/01 Song.flac").relativeWithoutExtension());
    }
}
