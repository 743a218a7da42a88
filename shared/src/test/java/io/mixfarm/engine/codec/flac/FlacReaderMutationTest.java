package io.mixfarm.engine.codec.flac;

import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.InvalidAudioException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import static io.mixfarm.engine.codec.flac.FlacTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Mutates small valid files many ways (seeded): every mutant must either decode to exactly the
 * original audio (the MD5 check guarantees nothing else gets through) or be rejected with an
 * InvalidAudioException. No other exception, no hang, no runaway allocation.
 */
class FlacReaderMutationTest {
    private static final int MUTANTS_PER_FILE = 700;

    @TempDir
    Path dir;

    private record Sample(String name, int[][] pcm, int bps, byte[] file) {
    }

    private Sample encode(String name, int[][] pcm, int bps, int rate, String... options) throws Exception {
        Path wav = writeWav(dir.resolve(name + ".wav"), pcm, bps, rate);
        String[] all = Arrays.copyOf(options, options.length + 1);
        all[options.length] = "--no-padding"; // keep the metadata short so mutants hit what matters
        return new Sample(name, pcm, bps, bytes(flacEncode(wav, dir.resolve(name + ".flac"), all)));
    }

    @Test
    void mutantsDecodeExactlyOrFailCleanly() throws Exception {
        Sample[] samples = {
            encode("stereo16", music(2, 6000, 16, 44_100, 1), 16, 44_100, "-5", "--blocksize=1152"),
            encode("mono24", music(1, 5000, 24, 96_000, 2), 24, 96_000, "-8", "--blocksize=576"),
            encode("eight8", music(8, 2000, 8, 8_000, 3), 8, 8_000, "-2", "--channel-map=none", "--blocksize=512"),
            encode("side32", music(2, 3000, 32, 48_000, 4), 32, 48_000, "-m", "-6", "--blocksize=1000", "--lax"),
            encode("odd12", music(3, 3000, 12, 22_050, 5), 12, 22_050, "-0", "--channel-map=none", "--lax",
                    "--blocksize=333"),
        };
        for (Sample s : samples) {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> mutate(s), s.name() + " mutants");
        }
    }

    private void mutate(Sample s) throws Exception {
        Random rnd = new Random(s.name().hashCode());
        byte[] f = s.file();
        int firstFrame = FlacFiles.firstFrameOffset(f);
        int hot = Math.min(f.length, firstFrame + 600); // headers and the first frames
        int[] kept = new int[2];
        for (int m = 0; m < MUTANTS_PER_FILE; m++) {
            byte[] mutant;
            String how;
            switch (m % 7) {
                case 0 -> { // truncate anywhere
                    int len = rnd.nextInt(f.length);
                    mutant = Arrays.copyOf(f, len);
                    how = "truncated to " + len;
                }
                case 1 -> { // one flipped bit in the metadata
                    mutant = f.clone();
                    int at = 4 + rnd.nextInt(Math.min(38, f.length - 4));
                    mutant[at] ^= 1 << rnd.nextInt(8);
                    how = "bit flip at " + at;
                }
                case 2, 3 -> { // one flipped bit in the first frames
                    mutant = f.clone();
                    int at = firstFrame + rnd.nextInt(hot - firstFrame);
                    mutant[at] ^= 1 << rnd.nextInt(8);
                    how = "bit flip at " + at;
                }
                case 4 -> { // a random byte value anywhere in the hot region
                    mutant = f.clone();
                    int at = rnd.nextInt(hot);
                    mutant[at] = (byte) (rnd.nextBoolean() ? rnd.nextInt(256) : rnd.nextBoolean() ? 0 : 0xFF);
                    how = "byte set at " + at;
                }
                case 5 -> { // a burst of random bytes
                    mutant = f.clone();
                    int at = rnd.nextInt(hot);
                    for (int i = at; i < Math.min(f.length, at + 1 + rnd.nextInt(16)); i++) {
                        mutant[i] = (byte) rnd.nextInt(256);
                    }
                    how = "burst at " + at;
                }
                default -> { // a byte inserted or deleted
                    int at = rnd.nextInt(hot);
                    mutant = new byte[f.length + (m % 2 == 0 ? 1 : -1)];
                    System.arraycopy(f, 0, mutant, 0, at);
                    if (m % 2 == 0) {
                        mutant[at] = (byte) rnd.nextInt(256);
                        System.arraycopy(f, at, mutant, at + 1, f.length - at);
                    } else {
                        System.arraycopy(f, at + 1, mutant, at, f.length - at - 1);
                    }
                    how = (m % 2 == 0 ? "insert" : "delete") + " at " + at;
                }
            }
            kept[check(s, mutant, how) ? 0 : 1]++;
        }
        // most mutants hit frame data or essential fields; some hit fields that change nothing
        if (kept[1] < MUTANTS_PER_FILE / 2 || kept[0] == 0) {
            fail(s.name() + ": " + kept[0] + " mutants decoded, " + kept[1] + " rejected; expected mostly rejections");
        }
    }

    /** True when the mutant decoded (then it must be the original audio), false when rejected. */
    private boolean check(Sample s, byte[] mutant, String how) throws IOException {
        Path path = Files.write(dir.resolve("mutant.flac"), mutant);
        double[][] decoded;
        try (AudioReader reader = FlacReader.open(open(path), "mutant.flac")) {
            decoded = readAll(reader, 777);
        } catch (InvalidAudioException e) {
            if (!e.getMessage().startsWith("mutant.flac: ")) {
                fail(s.name() + " " + how + ": message without source: " + e.getMessage());
            }
            return false;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw new AssertionError(s.name() + " " + how + ": " + e, e);
        }
        assertSamples(s.pcm(), s.bps(), decoded, s.name() + " " + how + " decoded without error");
        return true;
    }
}
