package io.mixfarm.coordinator.planning;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.Priority;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.contract.StemLocation;
import io.mixfarm.contract.Topics;
import io.mixfarm.coordinator.probe.ProbeProblem;
import io.mixfarm.coordinator.probe.ProbedStem;
import io.mixfarm.coordinator.probe.StemProber;
import io.mixfarm.coordinator.probe.StemRef;
import io.mixfarm.manifest.ManifestDocument;
import io.mixfarm.manifest.ManifestException;
import io.mixfarm.manifest.ManifestParser;
import io.mixfarm.manifest.ManifestProblem;
import io.mixfarm.manifest.ManifestValidator;
import io.mixfarm.manifest.Session;
import io.mixfarm.manifest.Song;
import io.mixfarm.manifest.Stem;

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

    /** Room left in a session record for everything but the manifest. */
    static final int MAX_STORED_MANIFEST_BYTES = Topics.MAX_SESSION_MESSAGE_BYTES - 64 * 1024;

    private final StemProber prober;
    private final Optional<S3Uri> outputBase;
    private final Supplier<String> sessionSuffix;
    private final UnchangedSongs unchanged;

    /** Admission that renders every song (no done markers are looked for). */
    public Admission(StemProber prober, Optional<S3Uri> outputBase, Supplier<String> sessionSuffix) {
        this(prober, outputBase, sessionSuffix, null);
    }

    /**
     * @param outputBase    where relative output directories go; empty refuses them
     * @param sessionSuffix appended to the manifest id to make each submission's session id unique
     * @param unchanged     finds songs whose outputs exist from the same inputs; null renders every song
     */
    public Admission(StemProber prober, Optional<S3Uri> outputBase, Supplier<String> sessionSuffix,
                     UnchangedSongs unchanged) {
        this.prober = prober;
        this.outputBase = outputBase;
        this.sessionSuffix = sessionSuffix;
        this.unchanged = unchanged;
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
            }
        }
        if (!problems.isEmpty()) {
            List<ManifestProblem> located = document.positions().locate(problems).stream()
                    .sorted(Comparator.comparingInt(p -> p.line() > 0 ? p.line() : Integer.MAX_VALUE)).toList();
            throw new AdmissionException(onlyStorageDown ? AdmissionException.Reason.STORAGE_UNAVAILABLE
                    : AdmissionException.Reason.INVALID,
                    sourceName + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems"), located);
        }
        SessionPlan plan = new SessionPlan(session.id() + "-" + sessionSuffix.get(), withOutput(session, output),
                output, locations(session, probed), priority);
        checkStoredSize(plan, sourceName);
        return unchanged == null ? plan : plan.withUnchanged(unchanged.find(plan));
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
                return S3Uri.parse(output);
            } catch (IllegalArgumentException e) {
                problems.add(new ManifestProblem("output", e.getMessage()));
                flagged.add("output");
                return null;
            }
        }
        String problem = outputBase.isEmpty()
                ? "\"" + output + "\" is a local directory; give an s3:// location (this coordinator has no output base)"
                : List.of(output.split("/")).contains("..") ? "\"" + output + "\" may not contain '..'" : null;
        if (problem != null) {
            problems.add(new ManifestProblem("output", problem));
            flagged.add("output");
            return null;
        }
        String relative = output.startsWith("./") ? output.substring(2) : output;
        return outputBase.get().resolve(relative.endsWith("/") ? relative : relative + "/");
    }

    private static List<StemRef> stemRefs(Session session, Set<String> flagged, List<ManifestProblem> problems) {
        List<StemRef> refs = new ArrayList<>();
        List<Song> songs = session.songs() == null ? List.of() : session.songs();
        for (int i = 0; i < songs.size(); i++) {
            List<Stem> stems = songs.get(i).stems() == null ? List.of() : songs.get(i).stems();
            for (int j = 0; j < stems.size(); j++) {
                String path = "songs[" + i + "].stems[" + j + "].uri";
                Stem stem = stems.get(j);
                if (stem.uri() == null || flagged.contains(path)) {
                    continue;
                }
                if (!stem.uri().startsWith(S3Uri.SCHEME)) {
                    problems.add(new ManifestProblem(path, "\"" + stem.uri() + "\" is a local path; the farm reads "
                            + "stems from S3 (farm submit uploads local stems and rewrites their URIs)"));
                    continue;
                }
                try {
                    refs.add(new StemRef(path, stem.id(), S3Uri.parseObject(stem.uri())));
                } catch (IllegalArgumentException e) {
                    problems.add(new ManifestProblem(path, e.getMessage()));
                }
            }
        }
        return refs;
    }

    private static Session withOutput(Session s, S3Uri output) {
        return new Session(s.apiVersion(), s.kind(), s.id(), s.title(), s.artist(), s.sampleRate(), output.toString(),
                s.mastering(), s.buses(), s.songs());
    }

    private static List<List<StemLocation>> locations(Session session, List<ProbedStem> probed) {
        List<List<StemLocation>> all = new ArrayList<>();
        int next = 0;
        for (Song song : session.songs()) {
            List<StemLocation> locations = new ArrayList<>();
            for (int j = 0; j < song.stems().size(); j++) {
                locations.add(probed.get(next++).location());
            }
            all.add(locations);
        }
        return all;
    }
}
