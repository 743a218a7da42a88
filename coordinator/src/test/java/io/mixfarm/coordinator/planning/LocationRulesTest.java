package io.mixfarm.coordinator.planning;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mixfarm.contract.Priority;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.coordinator.Manifests;
import io.mixfarm.coordinator.TestAudio;
import io.mixfarm.coordinator.TestFarm;
import io.mixfarm.coordinator.probe.StemProber;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import io.mixfarm.coordinator.storage.ObjectStore;
import io.mixfarm.manifest.ManifestProblem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Manifests may read stems only from the allowed locations and write only under the allowed
 * output prefix: each path trick is refused at admission, naming the field and the reason, before
 * anything is read from S3.
 */
class LocationRulesTest {

    private static final String GOOD_STEM = "s3://stems/allowed/x.wav";
    private static final String GOOD_OUTPUT = "s3://masters/out/album/";
    private static ObjectStore store;
    private static StemProber prober;
    private static Admission admission;

    @BeforeAll
    static void start() {
        TestFarm farm = TestFarm.get();
        farm.put(TestFarm.STEMS, "allowed/x.wav", TestAudio.wav(44100, 1, 0.1));
        farm.put(TestFarm.STEMS, "secret/x.wav", TestAudio.wav(44100, 1, 0.1));
        CoordinatorSettings settings = farm.settings(TestFarm.freshPrefix());
        store = ObjectStore.create(settings.s3(), 4);
        prober = new StemProber(store, settings.probe());
        LocationPolicy policy = new LocationPolicy(List.of(S3Uri.parse("s3://stems/allowed/")),
                List.of(S3Uri.parse("s3://masters/out/")));
        admission = new Admission(prober, Optional.of(S3Uri.parse("s3://masters/out/")), policy,
                new CoordinatorSettings.Limits(100, 10, Duration.ofHours(1), 1L << 30), () -> "x", null);
    }

    @AfterAll
    static void stop() {
        prober.close();
        store.close();
    }

    static Stream<Arguments> stemTricks() {
        return Stream.of(
                arguments("dot-dot segment", "s3://stems/allowed/../secret/x.wav", "'..' segment"),
                arguments("dot-dot climbing twice", "s3://stems/allowed/a/../../secret/x.wav", "'..' segment"),
                arguments("trailing dot-dot", "s3://stems/allowed/..", "'..' segment"),
                arguments("dot segment", "s3://stems/allowed/./x.wav", "'.' segment"),
                arguments("absolute key (double slash after bucket)", "s3://stems//allowed/x.wav", "empty segment"),
                arguments("double slash in key", "s3://stems/allowed//x.wav", "empty segment"),
                arguments("percent-encoded dots", "s3://stems/allowed/%2e%2e/secret/x.wav", "percent-encoded"),
                arguments("percent-encoded slash", "s3://stems/allowed/..%2fsecret%2fx.wav", "percent-encoded"),
                arguments("double percent-encoding", "s3://stems/allowed/%252e%252e/x.wav", "percent-encoded"),
                arguments("backslashes", "s3://stems/allowed\\..\\secret\\x.wav", "'\\'"),
                arguments("fullwidth dots U+FF0E", "s3://stems/allowed/\uFF0E\uFF0E/secret/x.wav", "reads as '..'"),
                arguments("two-dot leader U+2025", "s3://stems/allowed/\u2025/secret/x.wav", "reads as '..'"),
                arguments("one-dot leaders U+2024", "s3://stems/allowed/\u2024\u2024/secret/x.wav", "reads as '..'"),
                arguments("fullwidth slash U+FF0F", "s3://stems/allowed/a\uFF0F..\uFF0Fx.wav", "reads as a slash"),
                arguments("another bucket", "s3://other-bucket/x.wav", "outside the locations stems may be read from"),
                arguments("same bucket, other prefix", "s3://stems/secret/x.wav", "outside the locations stems may be read from"),
                arguments("prefix look-alike", "s3://stems/allowed-not/x.wav", "outside the locations stems may be read from"),
                arguments("bucket look-alike", "s3://stemsx/allowed/x.wav", "outside the locations stems may be read from"),
                arguments("http URL", "http://stems.s3.amazonaws.com/allowed/x.wav", "not an s3:// URI"),
                arguments("https URL to the endpoint", "https://127.0.0.1:9000/stems/allowed/x.wav", "not an s3:// URI"),
                arguments("file URL", "file:///etc/passwd", "not an s3:// URI"),
                arguments("upper-case scheme", "S3://stems/allowed/x.wav", "not an s3:// URI"),
                arguments("backslashed scheme", "s3:\\\\stems\\allowed\\x.wav", "not an s3:// URI"),
                arguments("absolute path", "/etc/passwd", "absolute path"),
                arguments("relative path climbing out", "../stems/allowed/x.wav", "local path"),
                arguments("credentials in the authority", "s3://user:pw@stems/allowed/x.wav", "not a valid S3 bucket name"),
                arguments("port in the authority", "s3://stems:9000/allowed/x.wav", "not a valid S3 bucket name"),
                arguments("empty bucket (triple slash)", "s3:///stems/allowed/x.wav", "not a valid S3 bucket name"),
                arguments("upper-case bucket", "s3://STEMS/allowed/x.wav", "not a valid S3 bucket name"),
                arguments("query string", "s3://stems/allowed/x.wav?versionId=1", "URL query"),
                arguments("fragment climbing out", "s3://stems/allowed/x.wav#/../../secret/x.wav", "'..' segment"),
                arguments("NUL byte", "s3://stems/allowed/x.wav\u0000.txt", "control character"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stemTricks")
    void aStemLocationTrickIsRefused(String name, String uri, String reason) throws Exception {
        List<ManifestProblem> problems = refused(manifest(uri, GOOD_OUTPUT));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("songs[0].stems[0].uri", problems.get(0).path());
        assertTrue(problems.get(0).message().contains(reason), problems.get(0).message());
    }

    static Stream<Arguments> outputTricks() {
        return Stream.of(
                arguments("dot-dot out of the prefix", "s3://masters/out/../private/", "'..' segment"),
                arguments("dot-dot into another bucket", "s3://masters/../stems/", "'..' segment"),
                arguments("another bucket", "s3://stems/out/", "outside the locations outputs may be written to"),
                arguments("prefix look-alike", "s3://masters/out-evil/", "outside the locations outputs may be written to"),
                arguments("the bucket above the prefix", "s3://masters/", "outside the locations outputs may be written to"),
                arguments("double slash", "s3://masters/out//x/", "empty segment"),
                arguments("fullwidth dots", "s3://masters/out/\uFF0E\uFF0E/", "reads as '..'"),
                arguments("relative dot-dot", "../x", "'..'"),
                arguments("relative percent-encoded dot-dot", "album/%2e%2e/%2e%2e/x", "percent-encoded"),
                arguments("relative look-alike dot-dot", "album/\uFF0E\uFF0E/\uFF0E\uFF0E/x", "reads as '..'"),
                arguments("absolute path", "/var/masters", "absolute path"),
                arguments("file URL", "file:///tmp/out", "not an s3:// URI"),
                arguments("http URL", "http://masters.s3.amazonaws.com/out/", "not an s3:// URI"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outputTricks")
    void anOutputLocationTrickIsRefused(String name, String output, String reason) throws Exception {
        List<ManifestProblem> problems = refused(manifest(GOOD_STEM, output));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("output", problems.get(0).path());
        assertTrue(problems.get(0).message().contains(reason), problems.get(0).message());
    }

    @Test
    void allowedLocationsAreAdmitted() throws Exception {
        assertEquals(GOOD_OUTPUT, admission.admit(manifest(GOOD_STEM, GOOD_OUTPUT), "m", Priority.NORMAL).output().toString());
        assertEquals("s3://masters/out/album/", admission.admit(manifest(GOOD_STEM, "album"), "m", Priority.NORMAL)
                .output().toString(), "a relative output goes under the output base");
        assertEquals("s3://masters/out/a..b/", admission.admit(manifest(GOOD_STEM, "s3://masters/out/a..b/"), "m",
                Priority.NORMAL).output().toString(), "dots inside a segment are only dots");
    }

    private static List<ManifestProblem> refused(String manifest) {
        AdmissionException e = assertThrows(AdmissionException.class, () -> admission.admit(manifest, "m", Priority.NORMAL));
        assertEquals(AdmissionException.Reason.INVALID, e.reason());
        return e.problems();
    }

    /** A one-song manifest as JSON, so that any character survives quoting. */
    private static String manifest(String stem, String output) throws Exception {
        ObjectNode tree = (ObjectNode) new ObjectMapper(new YAMLFactory())
                .readTree(Manifests.yaml("loc", false, "s3://masters/out/x/", List.of(List.of(GOOD_STEM))));
        tree.put("output", output);
        ((ObjectNode) tree.get("songs").get(0).get("stems").get(0)).put("uri", stem);
        return new ObjectMapper().writeValueAsString(tree);
    }
}
