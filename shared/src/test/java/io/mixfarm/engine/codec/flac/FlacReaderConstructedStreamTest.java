package io.mixfarm.engine.codec.flac;

import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.codec.flac.FlacTestStream.Coding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static io.mixfarm.engine.codec.flac.FlacTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Streams built bit by bit for what flac and ffmpeg never write: variable block sizes, escaped
 * and Rice2 partitions, high-order LPC, wasted bits on every subframe kind, unknown length.
 * Each is also decoded by {@code flac -d} to prove the construction itself is valid FLAC.
 */
class FlacReaderConstructedStreamTest {

    @TempDir
    Path dir;

    private Path write(byte[] stream) throws Exception {
        return Files.write(dir.resolve("built.flac"), stream);
    }

    /** Decodes with FlacReader and with the reference decoder; both must give {@code expected}. */
    private void assertDecodes(byte[] stream, int[][] expected, int bps) throws Exception {
        Path file = write(stream);
        assertSamples(expected, bps, decode(file, 999), "FlacReader");
        assertSamples(expected, bps,
                scaled(flacDecodeRaw(file, dir.resolve("ref.raw"), expected.length, bps), bps), "flac -d");
    }

    @Test
    void variableBlockSizesWithMultiByteSampleNumbers() throws Exception {
        int total = 70_000; // sample numbers past 0xFFFF take four coded bytes
        int[][] pcm = music(2, total, 16, 44_100, 5);
        FlacTestStream s = new FlacTestStream(44_100, 2, 16, 4096);
        Random rnd = new Random(5);
        int at = 0;
        int frame = 0;
        while (at < total) {
            int n = Math.min(total - at, frame % 7 == 3 ? 1 + rnd.nextInt(20) : 1 + rnd.nextInt(4096));
            int[][] block = slice(pcm, at, n);
            int order = Math.min(frame % 5, n - 1); // libFLAC needs the order below the block size
            int partitionOrder = Integer.numberOfTrailingZeros(n) >= 2 ? 2 : 0;
            int po = (n >> partitionOrder) >= order ? partitionOrder : 0;
            s.frame(true, at, n, 1, bits -> {
                FlacTestStream.fixed(bits, block[0], n, 16, order, po, Coding.RICE);
                FlacTestStream.verbatim(bits, block[1], n, 16);
            });
            s.addSamples(block, n);
            at += n;
            frame++;
        }
        assertDecodes(s.finish(true, true), pcm, 16);
    }

    @Test
    void escapedAndRice2Partitions() throws Exception {
        int n = 4096;
        int[][] pcm = music(1, 3 * n, 16, 44_100, 6);
        for (int i = 0; i < 1024; i++) {
            pcm[0][n + i] = 3 * i - 500; // a ramp: zero residual, escaped with 0 raw bits
        }
        FlacTestStream s = new FlacTestStream(44_100, 1, 16, n);
        Coding[][] schemes = {{Coding.ESCAPE, Coding.RICE}, {Coding.ESCAPE, Coding.RICE, Coding.RICE}, {Coding.RICE2, Coding.ESCAPE}};
        for (int f = 0; f < 3; f++) {
            int[][] block = slice(pcm, f * n, n);
            Coding[] scheme = schemes[f];
            s.frame(false, f, n, 0, bits -> FlacTestStream.fixed(bits, block[0], n, 16, 2, 2, scheme));
            s.addSamples(block, n);
        }
        assertDecodes(s.finish(true, true), pcm, 16);
    }

    @Test
    void lpcOfEveryOrderWithLargeShifts() throws Exception {
        int n = 2000;
        int[][] pcm = music(1, 32 * n, 24, 48_000, 8);
        FlacTestStream s = new FlacTestStream(48_000, 1, 24, n);
        Random rnd = new Random(8);
        for (int order = 1; order <= 32; order++) {
            int[][] block = slice(pcm, (order - 1) * n, n);
            int[] coefs = new int[order];
            int shift = 13 - order % 4;
            coefs[0] = 1 << shift; // a sensible predictor plus small random terms
            for (int j = 1; j < order; j++) {
                coefs[j] = rnd.nextInt(1 << 10) - (1 << 9);
            }
            long frame = order - 1;
            s.frame(false, frame, n, 0, bits -> FlacTestStream.lpc(bits, block[0], n, 24, coefs, 15, shift, Coding.RICE2));
            s.addSamples(block, n);
        }
        assertDecodes(s.finish(true, true), pcm, 24);
    }

    @Test
    void wastedBitsOnConstantVerbatimAndFixed() throws Exception {
        int n = 1024;
        int[][] pcm = new int[3][n];
        Arrays.fill(pcm[0], -4 << 6);
        int[][] music = music(2, n, 12, 44_100, 9);
        for (int i = 0; i < n; i++) {
            pcm[1][i] = music[0][i] << 4; // 12 significant bits in 16
            pcm[2][i] = music[1][i] << 3;
        }
        FlacTestStream s = new FlacTestStream(44_100, 3, 16, n);
        s.frame(false, 0, n, 2, bits -> {
            bits.put(0, 1).put(0, 6).put(1, 1).unary(5).put(-4, 10); // CONSTANT, 6 wasted bits
            bits.put(0, 1).put(1, 6).put(1, 1).unary(3); // VERBATIM, 4 wasted bits
            for (int i = 0; i < n; i++) {
                bits.put(music[0][i], 12);
            }
            bits.put(0, 1).put(10, 6).put(1, 1).unary(2); // FIXED order 2, 3 wasted bits
            FlacTestStream.fixedBody(bits, music[1], n, 13, 2, 0, Coding.RICE);
        });
        s.addSamples(pcm, n);
        assertDecodes(s.finish(true, true), pcm, 16);
    }

    @Test
    void unknownLengthAndNoMd5() throws Exception {
        int[][] pcm = music(2, 5000, 16, 44_100, 10);
        FlacTestStream s = new FlacTestStream(44_100, 2, 16, 4096);
        for (int at = 0, f = 0; at < 5000; at += 4096, f++) {
            int n = Math.min(4096, 5000 - at);
            int[][] block = slice(pcm, at, n);
            s.frame(false, f, n, 1, bits -> {
                FlacTestStream.verbatim(bits, block[0], n, 16);
                FlacTestStream.verbatim(bits, block[1], n, 16);
            });
            s.addSamples(block, n);
        }
        Path file = write(s.finish(false, false));
        try (AudioReader reader = FlacReader.open(open(file), "x")) {
            assertEquals(-1, reader.info().frames());
            assertSamples(pcm, 16, readAll(reader, 512), "unknown length");
        }
    }

    static int[][] slice(int[][] pcm, int from, int n) {
        int[][] out = new int[pcm.length][];
        for (int ch = 0; ch < pcm.length; ch++) {
            out[ch] = Arrays.copyOfRange(pcm[ch], from, from + n);
        }
        return out;
    }
}
