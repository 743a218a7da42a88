package io.mixfarm.coordinator.planning;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.Priority;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.contract.StemLocation;
import io.mixfarm.contract.Topics;
import io.mixfarm.coordinator.probe.ProbeProblem;
import io.mixfarm.coordinator.probe.ProbedStem;
import io.mixfarm.coordinator.probe.StemProber;
import io.mixfarm.coordinator.probe.StemRef;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import io.mixfarm.manifest.ManifestDocument;
import io.mixfarm.manifest.ManifestException;
import io.mixfarm.manifest.ManifestParser;
import io.mixfarm.manifest.ManifestProblem;
import io.mixfarm.manifest.ManifestValidator;
import io.mixfarm.manifest.SafeKeys;
import io.mixfarm.manifest.Session;
import io.mixfarm.manifest.Song;
import io.mixfarm.manifest.Stem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides whether a submitted manifest becomes a session: it parses, it validates, its output is
 * an S3 location (or relative to the configured output base), and every stem is an S3 object the
 * engine can read. Every problem is reported at once, each with its manifest path and, where
 * known, its line. Then it looks for songs whose outputs already exist from the same inputs
 * ({@link UnchangedSongs}). Blocking (S3 probes); run it off the HTTP and actor threads.
 */
public final class Admission {

    /** The mixer takes mono and stereo stems (the engine's StemStream); more channels fail at render. */
    static final int MAX_STEM_CHANNELS = 2;

    /** Room left in a session record for everything but the manifest. */
    static final int MAX_STORED_MANIFEST_BYTES = Topics.MAX_SESSION_MESSAGE_BYTES - 64 * 1024;

    private final StemProber prober;
    private final Optional<S3Uri> outputBase;
    private final LocationPolicy locations;
    private final CoordinatorSettings.Limits limits;
    private final Supplier<String> sessionSuffix;
    private final UnchangedSongs unchanged;

    /**
     * @param outputBase    where relative output directories go; empty refuses them
     * @param locations     where stems may be read from and outputs written to
     * @param limits        songs, stems per song and stem duration a submission may have (the
     *                      prober enforces the stem size)
     * @param sessionSuffix appended to the manifest id to make each submission's session id unique
     * @param unchanged     finds songs whose outputs exist from the same inputs; null renders every song
     */
    public Admission(StemProber prober, Optional<S3Uri> outputBase, LocationPolicy locations,
                     CoordinatorSettings.Limits limits, Supplier<String> sessionSuffix, UnchangedSongs unchanged) {
        this.prober = prober;
        this.outputBase = outputBase;
        this.locations = locations;
        this.limits = limits;
        this.sessionSuffix = sessionSuffix;
        this.unchanged = unchanged;
    }

    /**
     * Any bucket, the validator's own bounds, no duration limit, and every song rendered (no done
     * markers looked for): for tests of admission itself.
     */
    public Admission(StemProber prober, Optional<S3Uri> outputBase, Supplier<String> sessionSuffix) {
        this(prober, outputBase, LocationPolicy.open(outputBase), new CoordinatorSettings.Limits(
                ManifestValidator.MAX_SONGS, ManifestValidator.MAX_STEMS, Duration.ofDays(1), Long.MAX_VALUE),
                sessionSuffix, null);
    }

    /**
     * The plan of an acceptable manifest.
     *
     * @param sourceName names the document in messages
     * @throws AdmissionException with every problem found
     */
    public SessionPlan admit(String text, String sourceName, Priority priority) {
        ManifestDocument document;
        try {
            document = ManifestParser.parseDocument(text, sourceName);
        } catch (ManifestException e) {
            throw new AdmissionException(AdmissionException.Reason.UNREADABLE,
                    sourceName + ": the manifest cannot be read", e.problems());
        }
        Session session = document.session();
        List<ManifestProblem> problems = new ArrayList<>(ManifestValidator.validate(session));
        Set<String> flagged = new HashSet<>();
        problems.forEach(p -> flagged.add(p.path()));
        if (overLimits(session, problems)) {
            // Nothing of an oversized session is probed.
            throw invalid(document, sourceName, problems);
        }

        S3Uri output = output(session, flagged, problems);
        List<StemRef> refs = stemRefs(session, flagged, problems);
        // Only problems of the store itself (unavailable, throttling) make the answer "try later".
        boolean onlyStorageDown = problems.isEmpty();
        if (output != null) {
            Optional<ProbeProblem> bucket = prober.checkBucket(output.bucket());
            if (bucket.isPresent()) {
                problems.add(new ManifestProblem("output", bucket.get().message()));
                onlyStorageDown &= bucket.get().retriable();
            }
        }
        List<ProbedStem> probed = prober.probeAll(refs);
        for (ProbedStem stem : probed) {
            if (!stem.ok()) {
                problems.add(new ManifestProblem(stem.ref().path(), stem.problem()));
                onlyStorageDown &= stem.retriable();
            } else if (stem.info().channels() > MAX_STEM_CHANNELS) {
                problems.add(new ManifestProblem(stem.ref().path(), stem.ref().uri() + ": " + stem.info().channels()
                        + " channels; stems must be mono or stereo (split a multichannel stem into mono or stereo stems)"));
                onlyStorageDown = false;
            } else if (stem.info().durationSeconds() > limits.maxStemDuration().toMillis() / 1000.0) {
                problems.add(new ManifestProblem(stem.ref().path(), stem.ref().uri() + ": lasts "
                        + Math.round(stem.info().durationSeconds()) + " s; stems may last at most "
                        + limits.maxStemDuration().toSeconds() + " s"));
                onlyStorageDown = false;
            }
        }
        if (!problems.isEmpty()) {
            AdmissionException e = invalid(document, sourceName, problems);
            throw onlyStorageDown ? new AdmissionException(AdmissionException.Reason.STORAGE_UNAVAILABLE,
                    e.getMessage(), e.problems()) : e;
        }
        SessionPlan plan = new SessionPlan(session.id() + "-" + sessionSuffix.get(), withOutput(session, output),
                output, locations(session, probed), priority);
        checkStoredSize(plan, sourceName);
        return unchanged == null ? plan : plan.withUnchanged(unchanged.find(plan));
    }

    private static AdmissionException invalid(ManifestDocument document, String sourceName, List<ManifestProblem> problems) {
        List<ManifestProblem> located = document.positions().locate(problems).stream()
                .sorted(Comparator.comparingInt(p -> p.line() > 0 ? p.line() : Integer.MAX_VALUE)).toList();
        return new AdmissionException(AdmissionException.Reason.INVALID,
                sourceName + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems"), located);
    }

    /** The configured songs and stems-per-song limits; true when the session is over one. */
    private boolean overLimits(Session session, List<ManifestProblem> problems) {
        List<Song> songs = session.songs() == null ? List.of() : session.songs();
        boolean over = false;
        if (songs.size() > limits.maxSongs()) {
            problems.add(new ManifestProblem("songs", songs.size() + " songs; this farm takes at most "
                    + limits.maxSongs() + " per session (split the session)"));
            return true;
        }
        for (int i = 0; i < songs.size(); i++) {
            List<Stem> stems = songs.get(i).stems();
            if (stems != null && stems.size() > limits.maxStemsPerSong()) {
                problems.add(new ManifestProblem("songs[" + i + "].stems", stems.size()
                        + " stems; this farm takes at most " + limits.maxStemsPerSong() + " per song"));
                over = true;
            }
        }
        return over;
    }

    /** The session record carries the manifest: it must fit in one Kafka message. */
    private static void checkStoredSize(SessionPlan plan, String sourceName) {
        int bytes;
        try {
            bytes = ContractJson.mapper().writeValueAsBytes(plan.manifestJson()).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the manifest of " + plan.sessionId() + " as JSON", e);
        }
        if (bytes > MAX_STORED_MANIFEST_BYTES) {
            throw new AdmissionException(AdmissionException.Reason.INVALID, sourceName + ": too large",
                    List.of(new ManifestProblem("", "the manifest takes " + bytes + " bytes as stored JSON; at most "
                            + MAX_STORED_MANIFEST_BYTES + " fit in a session record")));
        }
    }

    private S3Uri output(Session session, Set<String> flagged, List<ManifestProblem> problems) {
        String output = session.output();
        if (output == null || flagged.contains("output")) {
            return null;
        }
        if (output.startsWith(S3Uri.SCHEME)) {
            try {
                return allowedOutput(S3Uri.parse(output), flagged, problems);
            } catch (IllegalArgumentException e) {
                problems.add(new ManifestProblem("output", e.getMessage()));
                flagged.add("output");
                return null;
            }
        }
        String relative = output.startsWith("./") ? output.substring(2) : output;
        String problem = outputBase.isEmpty()
                ? "\"" + output + "\" is a local directory; give an s3:// location (this coordinator has no output base)"
                : List.of(output.split("/")).contains("..") ? "\"" + output + "\" may not contain '..'"
                : SafeKeys.problem(relative).map(p -> "\"" + output + "\": " + p).orElse(null);
        if (problem != null) {
            problems.add(new ManifestProblem("output", problem));
            flagged.add("output");
            return null;
        }
        return allowedOutput(outputBase.get().resolve(relative.endsWith("/") ? relative : relative + "/"), flagged, problems);
    }

    private S3Uri allowedOutput(S3Uri output, Set<String> flagged, List<ManifestProblem> problems) {
        Optional<String> problem = locations.outputProblem(output);
        if (problem.isPresent()) {
            problems.add(new ManifestProblem("output", problem.get()));
            flagged.add("output");
            return null;
        }
        return output;
    }

    private List<StemRef> stemRefs(Session session, Set<String> flagged, List<ManifestProblem> problems) {
        List<StemRef> refs = new ArrayList<>();
        List<Song> songs = session.songs() == null ? List.of() : session.songs();
        for (int i = 0; i < songs.size(); i++) {
            Song song = songs.get(i);
            if (song.hasSource()) {
                // A finished source is probed like a stem: its header must be one the engine reads.
                ref("songs[" + i + "].source", RenderTask.SOURCE_ID, song.source(), flagged, problems, refs);
                continue;
            }
            List<Stem> stems = song.stems() == null ? List.of() : song.stems();
            for (int j = 0; j < stems.size(); j++) {
                Stem stem = stems.get(j);
                ref("songs[" + i + "].stems[" + j + "].uri", stem.id(), stem.uri(), flagged, problems, refs);
            }
        }
        return refs;
    }

    private void ref(String path, String id, String uri, Set<String> flagged, List<ManifestProblem> problems,
                     List<StemRef> refs) {
        if (uri == null || flagged.contains(path)) {
            return;
        }
        if (!uri.startsWith(S3Uri.SCHEME)) {
            problems.add(new ManifestProblem(path, "\"" + uri + "\" is a local path; the farm reads "
                    + "audio from S3 (farm submit uploads local files and rewrites their URIs)"));
            return;
        }
        try {
            S3Uri parsed = S3Uri.parseObject(uri);
            Optional<String> refused = locations.stemProblem(parsed);
            if (refused.isPresent()) {
                problems.add(new ManifestProblem(path, refused.get()));
            } else {
                refs.add(new StemRef(path, id, parsed));
            }
        } catch (IllegalArgumentException e) {
            problems.add(new ManifestProblem(path, e.getMessage()));
        }
    }

    private static Session withOutput(Session s, S3Uri output) {
        return new Session(s.apiVersion(), s.kind(), s.id(), s.title(), s.artist(), s.sampleRate(), output.toString(),
                s.mastering(), s.buses(), s.songs(), s.job());
    }

    private static List<List<StemLocation>> locations(Session session, List<ProbedStem> probed) {
        List<List<StemLocation>> all = new ArrayList<>();
        int next = 0;
        for (Song song : session.songs()) {
            List<StemLocation> locations = new ArrayList<>();
            int inputs = song.hasSource() ? 1 : song.stems().size();
            for (int j = 0; j < inputs; j++) {
                locations.add(probed.get(next++).location());
            }
            all.add(locations);
        }
        return all;
    }
}
