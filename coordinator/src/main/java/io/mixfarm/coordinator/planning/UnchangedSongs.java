package io.mixfarm.coordinator.planning;

import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.DoneMarker;
import io.mixfarm.contract.Output;
import io.mixfarm.contract.OutputKeys;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.coordinator.storage.ObjectHead;
import io.mixfarm.coordinator.storage.ObjectStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Finds the songs of a plan whose outputs are already written from the same inputs: the song's
 * done marker ({@link OutputKeys#doneMarker}) carries the plan's input hash for it, and every
 * output the marker lists exists with its size and (when the store knows it) its checksum. Album
 * mode is all or nothing: one song whose inputs changed may change the album gain, so then every
 * song renders again. Anything unreadable (no marker, a marker from a newer farm, a storage error)
 * counts as changed: the worst case is rendering again. Blocking; markers are read in parallel,
 * and only for songs whose folder the output prefix has (one listing request per thousand songs
 * rather than one request per song, for the usual new output prefix).
 */
public final class UnchangedSongs {

    /** Larger markers are not read (a marker holds one song report: tens of kB). */
    static final long MAX_MARKER_BYTES = 4L * 1024 * 1024;

    /** An output prefix with more folders than this per song is not listed (it holds other things too). */
    static final int MAX_LISTED_FOLDERS_PER_SONG = 4;

    private final ObjectStore store;
    private final Executor executor;

    public UnchangedSongs(ObjectStore store, Executor executor) {
        this.store = store;
        this.executor = executor;
    }

    /** The markers of the plan's unchanged songs, by song index. */
    public Map<Integer, DoneMarker> find(SessionPlan plan) {
        Optional<Set<String>> folders = songFolders(plan);
        List<CompletableFuture<Optional<DoneMarker>>> checks = new ArrayList<>();
        for (int i = 0; i < plan.songs().size(); i++) {
            String hash = plan.inputHashes().get(i);
            String songId = plan.songs().get(i).id();
            S3Uri marker = OutputKeys.doneMarker(plan.output(), songId);
            boolean absent = folders.isPresent()
                    && !folders.get().contains(OutputKeys.songFolder(plan.output(), songId).key());
            checks.add(hash == null || absent ? CompletableFuture.completedFuture(Optional.empty())
                    : CompletableFuture.supplyAsync(() -> check(marker, hash), executor));
        }
        Map<Integer, DoneMarker> found = new HashMap<>();
        for (int i = 0; i < checks.size(); i++) {
            int index = i;
            checks.get(i).join().ifPresent(m -> found.put(index, m));
        }
        boolean wholeAlbum = found.size() == plan.songs().size();
        return plan.albumMode() && !wholeAlbum ? Map.of() : found;
    }

    /**
     * The song folders under the plan's output, when listing them is cheaper than asking about
     * every song's marker; empty when it is not, or the listing fails (then every marker is asked for).
     */
    private Optional<Set<String>> songFolders(SessionPlan plan) {
        try {
            return store.subfolders(plan.output(), MAX_LISTED_FOLDERS_PER_SONG * plan.songs().size());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The marker at {@code uri} when it vouches for outputs of {@code hash} that are all there. */
    Optional<DoneMarker> check(S3Uri uri, String hash) {
        try {
            Optional<byte[]> bytes = store.get(uri, MAX_MARKER_BYTES);
            if (bytes.isEmpty()) {
                return Optional.empty();
            }
            DoneMarker marker = ContractJson.read(bytes.get(), DoneMarker.class);
            if (!hash.equals(marker.inputHash()) || marker.completion().outputs().isEmpty()) {
                return Optional.empty();
            }
            for (Output output : marker.completion().outputs()) {
                if (!present(output)) {
                    return Optional.empty();
                }
            }
            return Optional.of(marker);
        } catch (RuntimeException e) {
            return Optional.empty(); // unreadable or unreachable: render again
        }
    }

    /**
     * Whether the output is there with the size and the SHA-256 (stored by its uploader) the marker
     * recorded. Strict on purpose: workers do not delete a marker before replacing its outputs, so
     * an output being replaced by a render of other inputs must not pass for the one recorded.
     */
    private boolean present(Output output) {
        if (output.sha256() == null) {
            return false;
        }
        Optional<ObjectHead> head = store.head(S3Uri.parseObject(output.uri()));
        return head.isPresent() && head.get().size() == output.bytes()
                && head.get().sha256().map(output.sha256()::equalsIgnoreCase).orElse(false);
    }
}
