package io.mixfarm.cli.catalogue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.manifest.Session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The session manifests {@code farm relevel} and {@code farm analyze} submit: one song per track,
 * each naming its file as its {@code source}.
 */
final class CatalogueManifests {

    /** Text fields of the manifest hold at most this many characters. */
    private static final int MAX_TEXT = 512;

    private CatalogueManifests() {
    }

    /**
     * A relevel session: every track mastered with {@code delivery}'s preset into one file at its
     * source key mirrored under {@code mirror}; reports under {@code reports}.
     */
    static ObjectNode relevel(String id, String title, S3Uri reports, RelevelJob.Delivery delivery, boolean albumMode,
                              List<Track> tracks, S3Uri mirror) {
        ObjectNode root = header(id, title, artist(tracks), delivery.sampleRate(), reports);
        ObjectNode mastering = root.putObject("mastering");
        mastering.put("preset", delivery.preset());
        if (albumMode) {
            mastering.put("albumMode", true);
        }
        ObjectNode deliverable = mastering.putArray("deliverables").addObject();
        deliverable.put("format", delivery.format());
        deliverable.put("bitDepth", delivery.bitDepth());
        String base = mirror.key().isEmpty() || mirror.key().endsWith("/") ? mirror.key() : mirror.key() + "/";
        songs(root, tracks, null).forEach(pair -> pair.song().put("deliverTo",
                S3Uri.SCHEME + mirror.bucket() + "/" + base + pair.track().relativeWithoutExtension()));
        return root;
    }

    /** An analyze session: every track measured as it is; {@code albumOf} names each track's album (or null). */
    static ObjectNode analyze(String id, String title, S3Uri output, List<Track> tracks,
                              Function<Track, String> albumOf) {
        ObjectNode root = header(id, title, artist(tracks), 48_000, output);
        root.put("job", "analyze");
        songs(root, tracks, albumOf);
        return root;
    }

    private record SongNode(Track track, ObjectNode song) {
    }

    private static List<SongNode> songs(ObjectNode root, List<Track> tracks, Function<Track, String> albumOf) {
        ArrayNode songs = root.putArray("songs");
        Set<String> ids = new HashSet<>();
        return tracks.stream().map(track -> {
            ObjectNode song = songs.addObject();
            song.put("id", songId(track, ids));
            song.put("title", text(track.title() != null ? track.title() : track.baseName()));
            if (track.artist() != null) {
                song.put("artist", text(track.artist()));
            }
            if (track.isrc() != null) {
                song.put("isrc", track.isrc());
            }
            String album = albumOf == null ? null : albumOf.apply(track);
            if (album != null) {
                song.put("album", text(album.isEmpty() ? "/" : album));
            }
            song.put("source", track.uri().toString());
            return new SongNode(track, song);
        }).toList();
    }

    private static ObjectNode header(String id, String title, String artist, int sampleRate, S3Uri output) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("apiVersion", Session.API_VERSION);
        root.put("kind", Session.KIND);
        root.put("id", id);
        root.put("title", text(title));
        root.put("artist", text(artist));
        root.put("sampleRate", sampleRate);
        root.put("output", output.toString());
        return root;
    }

    /** The tracks' one artist, or "Various Artists". */
    private static String artist(List<Track> tracks) {
        String first = tracks.get(0).artist();
        return first != null && tracks.stream().allMatch(t -> first.equals(t.artist())) ? first : "Various Artists";
    }

    /**
     * The CSV's id, or one derived from the file name (letters, digits, '.', '_', '-') and the
     * first 10 hex digits of the URI's SHA-256, so that tracks of one name in two folders differ.
     */
    static String songId(Track track, Set<String> taken) {
        String id = track.songId();
        if (id == null) {
            String name = track.baseName().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[^A-Za-z0-9]+", "");
            name = name.length() > 40 ? name.substring(0, 40) : name;
            id = (name.isEmpty() ? "track" : name) + "-" + sha256(track.uri().toString()).substring(0, 10);
        }
        String unique = id;
        for (int n = 2; !taken.add(unique); n++) {
            unique = id + "-" + n;
        }
        return unique;
    }

    private static String text(String value) {
        return value.length() > MAX_TEXT ? value.substring(0, MAX_TEXT) : value;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
