package io.mixfarm.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.coordinator.HostileStems.Fmt;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Malformed and hostile audio files as stems, caught at submission by the header probe (HEAD for
 * the size, ranged GETs of the header): each session is refused with a 422 naming the stem's
 * path and URI and saying what is wrong; none of them is downloaded.
 */
class HostileStemTest {

    private static final String PREFIX = "hostile-stems/";
    private static final int MAX_STEM_BYTES = 1 << 20;
    private static TestFarm farm;
    private static Coordinator coordinator;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        farm = TestFarm.get();
        farm.put(TestFarm.STEMS, PREFIX + "good.wav", TestAudio.wav(44100, 2, 0.2));
        CoordinatorSettings settings = farm.settings(TestFarm.freshPrefix(), Map.of(
                "limits.max-stem-bytes", MAX_STEM_BYTES, "limits.max-stem-duration", "2 s",
                "probe.max-header-bytes", "256 KiB"));
        coordinator = TestFarm.startReady(settings);
        api = new ApiClient(coordinator.url());
    }

    @AfterAll
    static void stop() {
        coordinator.close();
    }

    static Stream<Arguments> hostile() {
        byte[] second = new byte[44100 * 4];
        byte[] flac = TestAudio.flac(44100, 1, 0.2);
        Fmt stereo = Fmt.pcm16(2, 44100);
        byte[] wav = TestAudio.wav(44100, 2, 0.2);
        return Stream.of(
                arguments("zero length", "empty.wav", new byte[0], "the object is empty"),
                arguments("a text file named .wav", "notes.wav",
                        "Kick: more 60 Hz. Vocals: less 3k.\n".getBytes(StandardCharsets.UTF_8), "not a WAV, RF64, AIFF or FLAC file"),
                arguments("random bytes named .flac", "noise.flac", noise(8192), "not a WAV, RF64, AIFF or FLAC file"),
                arguments("truncated WAV (cut in half)", "cut.wav", java.util.Arrays.copyOf(wav, wav.length / 2), "data chunk declares"),
                arguments("WAV header only", "header-only.wav", HostileStems.wav(stereo, second.length, new byte[0]), "data chunk declares"),
                arguments("data chunk declaring 4 GiB", "four-gib.wav", HostileStems.wav(stereo, 0xFFFFFFF0L, second), "data chunk declares"),
                arguments("RF64 declaring a terabyte", "terabyte.wav", HostileStems.rf64(stereo, 1L << 40, second), "declares"),
                arguments("65535 channels", "channels-65535.wav",
                        HostileStems.wav(new Fmt(1, 65535, 44100, 2 * 65535, 16), 0, new byte[0]), "65535 channels"),
                arguments("zero channels", "channels-0.wav", HostileStems.wav(new Fmt(1, 0, 44100, 2, 16), 4, new byte[4]), "0 channels"),
                arguments("six channels (the mixer takes mono or stereo)", "surround.wav",
                        HostileStems.wav(Fmt.pcm16(6, 44100), 1200, new byte[1200]), "6 channels; stems must be mono or stereo"),
                arguments("sample rate 0", "rate-0.wav", HostileStems.wav(new Fmt(1, 2, 0, 4, 16), 4, new byte[4]), "sample rate of 0 Hz"),
                arguments("sample rate 4 GHz", "rate-huge.wav", HostileStems.wav(new Fmt(1, 2, -1, 4, 16), 4, new byte[4]), "sample rate"),
                arguments("block align disagreeing with the format", "align.wav",
                        HostileStems.wav(new Fmt(1, 2, 44100, 1, 16), 4, new byte[4]), "align"),
                arguments("zero bits per sample", "bits-0.wav", HostileStems.wav(new Fmt(1, 2, 44100, 4, 0), 4, new byte[4]), "bits"),
                arguments("MP3 inside a WAV", "mp3.wav", HostileStems.wav(new Fmt(0x55, 2, 44100, 1, 0), 4, new byte[4]), "format"),
                arguments("40,000 chunks before fmt (a header over the probe's budget)", "chunky.wav",
                        HostileStems.wav(stereo, 4, new byte[4], manyChunks(40_000)), "the header needs more than"),
                arguments("AIFF declaring 4 billion frames", "frames.aiff", HostileStems.aiff(2, 0xFFFFFFF0L, new byte[400]), "declares"),
                arguments("FLAC declaring 2^36 - 1 samples (18 days)", "long.flac", HostileStems.flacDeclaring(flac, (1L << 36) - 1),
                        "stems may last at most 2 s"),
                arguments("FLAC declaring 8 channels", "eight.flac", HostileStems.flacWithChannels(flac, 8), "channels"),
                arguments("a WAV longer than the duration limit", "long.wav", TestAudio.wav(8000, 1, 3), "lasts 3 s"),
                arguments("a file over the size limit", "big.wav", TestAudio.wav(44100, 2, 6.0), "stems may be at most " + MAX_STEM_BYTES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void aHostileStemIsRefusedAtSubmissionNamingIt(String name, String file, byte[] bytes, String reason) {
        farm.put(TestFarm.STEMS, PREFIX + file, bytes);
        String uri = "s3://stems/" + PREFIX + file;
        ApiClient.Answer answer = api.submitYaml(Manifests.yaml("hostile-stem", false, "s3://masters/hostile-stems/",
                List.of(List.of("s3://stems/" + PREFIX + "good.wav"), List.of("s3://stems/" + PREFIX + "good.wav", uri))));
        assertEquals(422, answer.status(), answer.toString());
        JsonNode problems = answer.body().get("problems");
        assertEquals(1, problems.size(), answer.toString());
        assertEquals("songs[1].stems[1].uri", problems.get(0).get("path").asText());
        String message = problems.get(0).get("message").asText();
        assertTrue(message.contains(uri), "names the stem: " + message);
        assertTrue(message.contains(reason), "\"" + reason + "\" in: " + message);
    }

    @Test
    void aStemIsReadByItsContentNotItsExtensionAndStemsMayDifferInRateAndChannels() {
        farm.put(TestFarm.STEMS, PREFIX + "flac-named.wav", TestAudio.flac(48000, 1, 0.2));
        farm.put(TestFarm.STEMS, PREFIX + "wav-named.aiff", TestAudio.wav(96000, 2, 0.2));
        farm.put(TestFarm.STEMS, PREFIX + "no-extension", TestAudio.wav(22050, 1, 0.2));
        ApiClient.Answer answer = api.submitYaml(Manifests.yaml("mixed-stems", false, "s3://masters/hostile-stems/",
                List.of(List.of("s3://stems/" + PREFIX + "good.wav", "s3://stems/" + PREFIX + "flac-named.wav",
                        "s3://stems/" + PREFIX + "wav-named.aiff", "s3://stems/" + PREFIX + "no-extension"))));
        assertEquals(202, answer.status(), answer.toString());
    }

    private static byte[] manyChunks(int n) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] chunk = HostileStems.chunk("junk", 0);
        for (int i = 0; i < n; i++) {
            out.writeBytes(chunk);
        }
        return out.toByteArray();
    }

    private static byte[] noise(int n) {
        byte[] b = new byte[n];
        new java.util.SplittableRandom(11).nextBytes(b);
        return b;
    }
}
