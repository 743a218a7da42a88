package io.mixfarm.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * Content hashes of what a song's files depend on, so work whose inputs did not change can be
 * found and skipped. Each hash is the SHA-256 (hex) of canonical JSON (object keys sorted, no
 * whitespace) holding {@link #ENGINE_VERSION}, the stems by their SHA-256 (stems are content
 * addressed: their location does not matter) and the settings that shape the output.
 *
 * <ul>
 * <li>{@link #mix}: the mixdown's inputs — rate, buses, the song's stems (checksums, strips,
 *     routing); not its mastering, title or ISRC. Keys the mix ANALYZE leaves for MASTER.</li>
 * <li>{@link #song}: everything in a song's delivered files — the mix, the resolved mastering
 *     and deliverables, the tags (title, ISRC, album, artist, track n of N) and the output prefix.</li>
 * <li>{@link #album}: album mode; every song's hash in order and the album's mastering. The
 *     album gain is a function of these (the analyses are deterministic), so it needs no term of
 *     its own: one changed song changes the album's hash and with it every song's.</li>
 * </ul>
 * A hash is null when a stem's checksum is unknown: such work is never recognised as unchanged.
 */
public final class InputHash {

    /**
     * The engine's output version: raise it whenever the same inputs would render different
     * bytes (DSP, encoders, tags, report format), so earlier outputs stop counting as unchanged.
     */
    public static final String ENGINE_VERSION = "mixfarm-engine/1";

    private InputHash() {
    }

    /** The mix's inputs; null when a stem's checksum is unknown. */
    public static String mix(SongSpec spec, List<StemLocation> stems) {
        ObjectNode root = base("mix");
        root.put("sampleRate", spec.sampleRate());
        root.set("buses", ContractJson.mapper().valueToTree(spec.buses()));
        ObjectNode song = ContractJson.mapper().valueToTree(spec.song());
        song.remove(List.of("mastering", "title", "isrc"));
        for (JsonNode stem : song.path("stems")) {
            ((ObjectNode) stem).remove("uri"); // the checksum stands for the content
        }
        root.set("song", song);
        ArrayNode sums = root.putArray("stemSha256");
        for (StemLocation stem : stems) {
            if (stem.sha256() == null) {
                return null;
            }
            sums.add(stem.stemId() + ":" + stem.sha256());
        }
        return sha256(root);
    }

    /** The inputs of a song's delivered files; null when a stem's checksum is unknown. */
    public static String song(SongSpec spec, List<StemLocation> stems) {
        String mix = mix(spec, stems);
        if (mix == null) {
            return null;
        }
        ObjectNode root = base("song");
        root.put("mix", mix);
        root.put("outputPrefix", spec.outputPrefix());
        root.set("album", ContractJson.mapper().valueToTree(spec.album()));
        root.put("title", spec.song().title());
        root.put("isrc", spec.song().isrc());
        root.set("mastering", ContractJson.mapper().valueToTree(spec.mastering()));
        return sha256(root);
    }

    /** An album's hash over its songs' {@link #song} hashes in order; null when any is null. */
    public static String album(List<String> songHashes, JsonNode albumMastering) {
        ObjectNode root = base("album");
        ArrayNode songs = root.putArray("songs");
        for (String hash : songHashes) {
            if (hash == null) {
                return null;
            }
            songs.add(hash);
        }
        root.set("mastering", albumMastering);
        return sha256(root);
    }

    private static ObjectNode base(String kind) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("engine", ENGINE_VERSION);
        root.put("kind", kind);
        return root;
    }

    /** SHA-256 of the canonical form of {@code node}. */
    static String sha256(JsonNode node) {
        try {
            byte[] json = ContractJson.mapper().writeValueAsBytes(canonical(node));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a JSON tree", e);
        }
    }

    /** A copy with every object's keys sorted. */
    static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = node.fieldNames();
            it.forEachRemaining(names::add);
            names.sort(String::compareTo);
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            for (String name : names) {
                sorted.set(name, canonical(node.get(name)));
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> copy.add(canonical(e)));
            return copy;
        }
        return node;
    }
}
