package io.mixfarm.cli.catalogue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Cuts a stream of tracks into pages of at most {@code pageSize} tracks, one session each, holding
 * no more than a page and the albums still open in memory. Without grouping, pages are plain
 * runs of tracks. Grouped by folder or by a CSV's album column, an album is never split: either
 * each album is a page of its own (album-mode sessions), or whole albums are packed into pages.
 *
 * <p>An album is complete once the stream has moved past it: for folders, at the first key
 * outside the folder (an S3 listing is in key order, so a folder's keys are contiguous, its
 * subfolders' keys among them — the open folders are one chain of ancestors); for a CSV's album
 * column, at the first row of another album (rows of an album must be contiguous).
 */
final class Pages implements Iterator<Pages.Page> {

    /** How tracks form albums. */
    enum Grouping { NONE, FOLDER, ALBUM }

    /**
     * One session's tracks.
     *
     * @param album the album's name when the page is one album, else null
     */
    record Page(List<Track> tracks, String album) {
    }

    private final Iterator<Track> tracks;
    private final Grouping grouping;
    private final int pageSize;
    private final boolean pagePerAlbum;
    private final Map<String, List<Track>> open = new LinkedHashMap<>();
    private final Deque<Page> ready = new ArrayDeque<>();
    private List<Track> packing = new ArrayList<>();

    Pages(Iterator<Track> tracks, Grouping grouping, int pageSize, boolean pagePerAlbum) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size " + pageSize);
        }
        this.tracks = tracks;
        this.grouping = grouping;
        this.pageSize = pageSize;
        this.pagePerAlbum = pagePerAlbum && grouping != Grouping.NONE;
    }

    /** The album a track belongs to under this grouping. */
    String albumOf(Track track) {
        return switch (grouping) {
            case NONE -> null;
            case FOLDER -> track.folder();
            case ALBUM -> track.album() == null ? "" : track.album();
        };
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && tracks.hasNext()) {
            add(tracks.next());
        }
        if (ready.isEmpty() && !tracks.hasNext()) {
            finish();
        }
        return !ready.isEmpty();
    }

    @Override
    public Page next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void add(Track track) {
        if (grouping == Grouping.NONE) {
            packing.add(track);
            if (packing.size() == pageSize) {
                flushPacking();
            }
            return;
        }
        String album = albumOf(track);
        List<String> done = new ArrayList<>();
        for (String key : open.keySet()) {
            if (!key.equals(album) && !continues(key, track)) {
                done.add(key);
            }
        }
        done.forEach(key -> complete(key, open.remove(key)));
        List<Track> albumTracks = open.computeIfAbsent(album, k -> new ArrayList<>());
        albumTracks.add(track);
        if (albumTracks.size() > pageSize) {
            throw new IllegalArgumentException("album \"" + album + "\" has more than " + pageSize
                    + " tracks; albums are not split across sessions (raise --page-size)");
        }
    }

    /** Whether an open album may still get tracks after {@code track}. */
    private boolean continues(String album, Track track) {
        return grouping == Grouping.FOLDER && track.relative().startsWith(album);
    }

    private void complete(String album, List<Track> albumTracks) {
        if (pagePerAlbum) {
            ready.add(new Page(List.copyOf(albumTracks), album));
            return;
        }
        if (packing.size() + albumTracks.size() > pageSize) {
            flushPacking();
        }
        packing.addAll(albumTracks);
    }

    private void finish() {
        new ArrayList<>(open.keySet()).forEach(key -> complete(key, open.remove(key)));
        flushPacking();
    }

    private void flushPacking() {
        if (!packing.isEmpty()) {
            ready.add(new Page(List.copyOf(packing), null));
            packing = new ArrayList<>();
        }
    }
}
