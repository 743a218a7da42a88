package io.mixfarm.coordinator.planning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.contract.AlbumInfo;
import io.mixfarm.contract.AlbumLoudness;
import io.mixfarm.contract.ContractException;
import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.DoneMarker;
import io.mixfarm.contract.InputHash;
import io.mixfarm.contract.Phase;
import io.mixfarm.contract.Priority;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.contract.SessionRecord;
import io.mixfarm.contract.SongSpec;
import io.mixfarm.contract.StemLocation;
import io.mixfarm.manifest.Session;
import io.mixfarm.manifest.Song;
import io.mixfarm.manifest.Stem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * An accepted session as the coordinator plans it: the manifest (stems and output resolved to
 * S3), every stem's location with the size and checksum found at admission, and the phases its
 * songs run. Builds the render tasks; round-trips through {@link SessionRecord#manifest()}.
 *
 * @param output      where outputs go (the manifest's {@code output}, resolved)
 * @param stems       per song, per stem, in manifest order
 * @param inputHashes per song, what its delivered files depend on ({@link InputHash#song}; album mode
 *                    {@link InputHash#album}, the same for every song); null entries when unknown
 * @param unchanged   songs (by index) whose done marker, found at admission, vouches for outputs of
 *                    the same input hash: they complete as unchanged without a task; album mode
 *                    holds every song or none
 */
public record SessionPlan(String sessionId, Session session, S3Uri output, List<List<StemLocation>> stems,
                          Priority priority, List<String> inputHashes, Map<Integer, DoneMarker> unchanged) {

    /** Fields added to each stem of the stored manifest: what admission found in S3. */
    static final String STEM_BYTES = "bytes";
    static final String STEM_SHA256 = "sha256";
    /** The same for a song's finished source, on the song. */
    static final String SOURCE_BYTES = "sourceBytes";
    static final String SOURCE_SHA256 = "sourceSha256";

    /** A plan with its input hashes computed and no song found unchanged. */
    public SessionPlan(String sessionId, Session session, S3Uri output, List<List<StemLocation>> stems,
                       Priority priority) {
        this(sessionId, session, output, stems, priority, null, Map.of());
    }

    public SessionPlan {
        stems = stems.stream().map(List::copyOf).toList();
        if (stems.size() != session.songs().size()) {
            throw new IllegalArgumentException(stems.size() + " stem lists for " + session.songs().size() + " songs");
        }
        for (int i = 0; i < stems.size(); i++) {
            if (stems.get(i).size() != inputs(session.songs().get(i))) {
                throw new IllegalArgumentException("song " + i + ": " + stems.get(i).size() + " locations for "
                        + inputs(session.songs().get(i)) + " stems or source");
            }
        }
        inputHashes = Collections.unmodifiableList(new ArrayList<>(inputHashes == null
                ? hashes(session, output, stems) : inputHashes));
        unchanged = Map.copyOf(unchanged);
    }

    /** True when the album's songs share one gain: ANALYZE every song, then MASTER (never for an analyze job). */
    public boolean albumMode() {
        return !analyzeOnly() && Boolean.TRUE.equals(session.mastering().albumMode());
    }

    /** True for an analyze job: one MEASURE task per song, then the analysis reports. */
    public boolean analyzeOnly() {
        return session.analyzeOnly();
    }

    /** What every song runs first. */
    public Phase firstPhase() {
        return analyzeOnly() ? Phase.MEASURE : albumMode() ? Phase.ANALYZE : Phase.FULL;
    }

    /** The phase whose completion completes a song. */
    public Phase finalPhase() {
        return analyzeOnly() ? Phase.MEASURE : albumMode() ? Phase.MASTER : Phase.FULL;
    }

    /** True for the phases this session's songs run. */
    public boolean runs(Phase phase) {
        if (analyzeOnly()) {
            return phase == Phase.MEASURE;
        }
        return albumMode() ? phase == Phase.ANALYZE || phase == Phase.MASTER : phase == Phase.FULL;
    }

    /** How many locations a song's task carries: one per stem, or its one source. */
    static int inputs(Song song) {
        return song.hasSource() ? 1 : song.stems().size();
    }

    public List<Song> songs() {
        return session.songs();
    }

    /** A task for song {@code index}; {@code albumGainDb} for MASTER only. */
    public RenderTask task(int index, Phase phase, int attempt, Double albumGainDb, Instant now) {
        return task(index, phase, attempt, albumGainDb, null, now);
    }

    /** A task for song {@code index}; {@code albumGainDb} and {@code albumLoudness} (may be null) for MASTER only. */
    public RenderTask task(int index, Phase phase, int attempt, Double albumGainDb, AlbumLoudness albumLoudness,
                           Instant now) {
        SongSpec spec = spec(session, output, index);
        return RenderTask.of(sessionId, attempt, phase, priority, now, spec, stems.get(index), albumGainDb,
                inputHashes.get(index), albumLoudness);
    }

    /** This plan with {@code markers} as the songs found unchanged. */
    public SessionPlan withUnchanged(Map<Integer, DoneMarker> markers) {
        return new SessionPlan(sessionId, session, output, stems, priority, inputHashes, markers);
    }

    /**
     * What song {@code index} is rendered from, as {@link SongSpec#of} says but without searching
     * the song list for the song (a session of 10,000 songs would make that 10^8 comparisons).
     */
    private static SongSpec spec(Session session, S3Uri output, int index) {
        Song song = session.songs().get(index);
        return new SongSpec(session.sampleRate(), output.toString(),
                new AlbumInfo(session.title(), session.artist(), index + 1, session.songs().size()), song,
                session.buses(), session.masteringFor(song));
    }

    /** Each song's input hash; album mode one hash over all songs, so one change re-renders the album. */
    private static List<String> hashes(Session session, S3Uri output, List<List<StemLocation>> stems) {
        List<Song> songs = session.songs();
        List<String> hashes = new ArrayList<>(songs.size());
        for (int i = 0; i < songs.size(); i++) {
            hashes.add(InputHash.song(spec(session, output, i), stems.get(i)));
        }
        if (Boolean.TRUE.equals(session.mastering().albumMode())) {
            String album = InputHash.album(hashes, ContractJson.mapper().valueToTree(session.mastering()));
            return Collections.nCopies(songs.size(), album);
        }
        return hashes;
    }

    /** The manifest as stored in the session record: the session, each stem with its size and checksum. */
    public JsonNode manifestJson() {
        ObjectNode root = ContractJson.mapper().valueToTree(session);
        JsonNode songs = root.path("songs");
        for (int i = 0; i < stems.size(); i++) {
            boolean source = session.songs().get(i).hasSource();
            for (int j = 0; j < stems.get(i).size(); j++) {
                StemLocation location = stems.get(i).get(j);
                ObjectNode node = (ObjectNode) (source ? songs.path(i) : songs.path(i).path("stems").path(j));
                if (location.bytes() != null) {
                    node.put(source ? SOURCE_BYTES : STEM_BYTES, location.bytes());
                }
                if (location.sha256() != null) {
                    node.put(source ? SOURCE_SHA256 : STEM_SHA256, location.sha256());
                }
            }
        }
        return root;
    }

    /** The plan of a stored session; a record this coordinator cannot read is a {@link ContractException}. */
    public static SessionPlan fromRecord(SessionRecord record) {
        Session session;
        try {
            session = ContractJson.mapper().treeToValue(record.manifest(), Session.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ContractException("session " + record.sessionId() + ": the stored manifest cannot be read: "
                    + e.getMessage(), e);
        }
        if (session.songs() == null || session.songs().isEmpty()) {
            throw new ContractException("session " + record.sessionId() + ": the stored manifest has no songs");
        }
        List<List<StemLocation>> stems = new ArrayList<>();
        JsonNode songs = record.manifest().path("songs");
        for (int i = 0; i < session.songs().size(); i++) {
            List<StemLocation> locations = new ArrayList<>();
            Song song = session.songs().get(i);
            if (song.hasSource()) {
                JsonNode stored = songs.path(i);
                locations.add(new StemLocation(RenderTask.SOURCE_ID, song.source(),
                        stored.hasNonNull(SOURCE_BYTES) ? stored.get(SOURCE_BYTES).asLong() : null,
                        stored.hasNonNull(SOURCE_SHA256) ? stored.get(SOURCE_SHA256).asText() : null));
                stems.add(locations);
                continue;
            }
            List<Stem> songStems = song.stems();
            for (int j = 0; j < songStems.size(); j++) {
                JsonNode stored = songs.path(i).path("stems").path(j);
                Stem stem = songStems.get(j);
                locations.add(new StemLocation(stem.id(), stem.uri(),
                        stored.hasNonNull(STEM_BYTES) ? stored.get(STEM_BYTES).asLong() : null,
                        stored.hasNonNull(STEM_SHA256) ? stored.get(STEM_SHA256).asText() : null));
            }
            stems.add(locations);
        }
        return new SessionPlan(record.sessionId(), session, S3Uri.parse(record.outputPrefix()), stems, record.priority());
    }
}
