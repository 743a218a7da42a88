package io.mixfarm.engine.codec.flac;

import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

/**
 * Integer test signals (samples on the integer grid of a bit depth, so the writer's quantization
 * is exact) and the conversions tests need: to planar doubles, to raw little-endian bytes, to FLAC.
 */
final class FlacTestAudio {
    private FlacTestAudio() {
    }

    static int[][] silence(int channels, int frames) {
        return new int[channels][frames];
    }

    /** Uniform noise over the whole integer range: incompressible, forces verbatim/escapes. */
    static int[][] whiteNoise(int channels, int frames, int bits, long seed) {
        Random random = new Random(seed);
        int[][] out = new int[channels][frames];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                out[c][i] = random.nextInt(1 << bits) - (1 << (bits - 1));
            }
        }
        return out;
    }

    /** A square wave that hits both integer extremes, a different period per channel. */
    static int[][] fullScaleSquare(int channels, int frames, int bits) {
        int max = (1 << (bits - 1)) - 1;
        int min = -(1 << (bits - 1));
        int[][] out = new int[channels][frames];
        for (int c = 0; c < channels; c++) {
            int half = 7 + 5 * c;
            for (int i = 0; i < frames; i++) {
                out[c][i] = (i / half) % 2 == 0 ? max : min;
            }
        }
        return out;
    }

    /** Planar doubles exactly on the grid: {@code v / 2^(bits-1)}. */
    static double[][] toDoubles(int[][] samples, int bits) {
        double scale = 1.0 / (1L << (bits - 1));
        double[][] out = new double[samples.length][];
        for (int c = 0; c < samples.length; c++) {
            out[c] = new double[samples[c].length];
            for (int i = 0; i < samples[c].length; i++) {
                out[c][i] = samples[c][i] * scale;
            }
        }
        return out;
    }

    /** Interleaved little-endian signed PCM, what {@code flac -d} writes and what MD5 covers. */
    static byte[] toRaw(int[][] samples, int bits) {
        int bytes = bits / 8;
        int frames = samples[0].length;
        byte[] out = new byte[frames * samples.length * bytes];
        int pos = 0;
        for (int i = 0; i < frames; i++) {
            for (int[] channel : samples) {
                for (int b = 0; b < bytes; b++) {
                    out[pos++] = (byte) (channel[i] >> (8 * b));
                }
            }
        }
        return out;
    }

    /**
     * Writes {@code samples} through {@link FlacWriter} in chunks of varying size (1 up to
     * {@code maxChunk} frames), so block accumulation is exercised.
     */
    static void writeFlac(Path file, int[][] samples, int bits, int rate, int maxChunk) throws IOException {
        double[][] doubles = toDoubles(samples, bits);
        int channels = samples.length;
        int frames = samples[0].length;
        WriteSpec spec = new WriteSpec(Container.FLAC, rate, channels, SampleFormat.pcm(bits));
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING);
        Random chunks = new Random(frames);
        double[][] chunk = new double[channels][maxChunk];
        try (AudioWriter writer = FlacWriter.create(channel, file.toString(), spec)) {
            int done = 0;
            while (done < frames) {
                int n = Math.min(frames - done, 1 + chunks.nextInt(maxChunk));
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(doubles[c], done, chunk[c], 0, n);
                }
                writer.write(chunk, n);
                done += n;
            }
        }
    }
}
