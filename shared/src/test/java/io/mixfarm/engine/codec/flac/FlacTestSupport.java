package io.mixfarm.engine.codec.flac;

import io.mixfarm.engine.audio.AudioReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Signals, WAV files, external encoders and exact comparisons for the FLAC reader tests. */
final class FlacTestSupport {

    private FlacTestSupport() {
    }

    // ---- external tools ----

    /** Fails (never skips) when an oracle binary is missing: CI must install it. */
    static String requireTool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        fail("the FLAC tests need the '" + name + "' command on PATH (apt-get install flac ffmpeg)");
        return name;
    }

    /** Runs a command, failing the test with its output when it does not exit 0. */
    static void run(List<String> command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(command);
        cmd.set(0, requireTool(cmd.get(0)));
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] output;
        try (InputStream out = process.getInputStream()) {
            output = out.readAllBytes();
        }
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "timed out: " + cmd);
        assertEquals(0, process.exitValue(), () -> String.join(" ", cmd) + " failed:\n" + new String(output));
    }

    /** Encodes a WAV with the flac CLI and the given options. */
    static Path flacEncode(Path wav, Path flac, String... options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("flac", "-s", "-f"));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-o", flac.toString(), wav.toString()));
        run(cmd);
        return flac;
    }

    /** Encodes a WAV with ffmpeg's FLAC encoder and the given options. */
    static Path ffmpegEncode(Path wav, Path flac, String... options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error",
                "-y", "-i", wav.toString(), "-c:a", "flac"));
        cmd.addAll(List.of(options));
        cmd.add(flac.toString());
        run(cmd);
        return flac;
    }

    // ---- signals: int samples [channel][frame] within the given bit depth ----

    /** Sums of enveloped sines per channel (partly shared between channels) plus noise, ~ -6 dBFS. */
    static int[][] music(int channels, int frames, int bps, int rate, long seed) {
        Random rnd = new Random(seed);
        double[] shared = new double[frames];
        addTones(shared, rate, rnd, 5, 0.3);
        int[][] out = new int[channels][frames];
        double full = Math.pow(2, bps - 1);
        for (int ch = 0; ch < channels; ch++) {
            double[] own = new double[frames];
            addTones(own, rate, rnd, 3, 0.15);
            for (int i = 0; i < frames; i++) {
                double v = shared[i] * (1 - 0.1 * ch) + own[i] + 0.01 * rnd.nextGaussian();
                out[ch][i] = quantize(v, full);
            }
        }
        return out;
    }

    private static void addTones(double[] dst, int rate, Random rnd, int tones, double amplitude) {
        for (int t = 0; t < tones; t++) {
            double f = 55 * Math.pow(2, rnd.nextDouble() * 6);
            double phase = rnd.nextDouble() * 2 * Math.PI;
            double period = rate * (0.2 + rnd.nextDouble() * 0.6); // note length
            double a = amplitude / tones;
            for (int i = 0; i < dst.length; i++) {
                double pos = (i % period) / period;
                double env = Math.exp(-4 * pos) * Math.min(1, pos * 50); // attack, decay
                dst[i] += a * env * Math.sin(2 * Math.PI * f * i / rate + phase);
            }
        }
    }

    static int[][] whiteNoise(int channels, int frames, int bps, long seed) {
        Random rnd = new Random(seed);
        int[][] out = new int[channels][frames];
        for (int[] ch : out) {
            for (int i = 0; i < frames; i++) {
                ch[i] = (int) (rnd.nextLong() >> (64 - bps));
            }
        }
        return out;
    }

    /** A full-scale square wave: the extreme codes of the bit depth. */
    static int[][] square(int channels, int frames, int bps, int period) {
        int[][] out = new int[channels][frames];
        int hi = (int) ((1L << (bps - 1)) - 1);
        int lo = (int) -(1L << (bps - 1));
        for (int[] ch : out) {
            for (int i = 0; i < frames; i++) {
                ch[i] = (i / (period / 2)) % 2 == 0 ? hi : lo;
            }
        }
        return out;
    }

    static int quantize(double v, double full) {
        long q = Math.round(v * full);
        return (int) Math.max(-full, Math.min(full - 1, q));
    }

    // ---- files ----

    /** Writes WAVE_FORMAT_EXTENSIBLE PCM with exactly {@code bps} valid bits, left-justified. */
    static Path writeWav(Path path, int[][] samples, int bps, int rate) throws IOException {
        int channels = samples.length;
        int frames = samples[0].length;
        int bytes = (bps + 7) / 8;
        int shift = bytes * 8 - bps;
        ByteBuffer b = ByteBuffer.allocate(68 + channels * frames * bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(60 + channels * frames * bytes).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(40).putShort((short) 0xFFFE).putShort((short) channels)
                .putInt(rate).putInt(rate * channels * bytes).putShort((short) (channels * bytes))
                .putShort((short) (bytes * 8)).putShort((short) 22).putShort((short) bps).putInt(0)
                .put(new byte[] {1, 0, 0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        b.put("data".getBytes()).putInt(channels * frames * bytes);
        for (int i = 0; i < frames; i++) {
            for (int[] ch : samples) {
                int v = ch[i] << shift;
                if (bytes == 1) {
                    v ^= 0x80; // 8-bit WAV is unsigned
                }
                for (int k = 0; k < bytes; k++) {
                    b.put((byte) (v >> (8 * k)));
                }
            }
        }
        Files.write(path, b.array());
        return path;
    }

    static SeekableByteChannel open(Path path) throws IOException {
        return FileChannel.open(path, StandardOpenOption.READ);
    }

    /** Decodes a whole file with FlacReader, in blocks of {@code block} frames. */
    static double[][] decode(Path flac, int block) throws IOException {
        try (AudioReader reader = FlacReader.open(open(flac), flac.getFileName().toString())) {
            return readAll(reader, block);
        }
    }

    static double[][] readAll(AudioReader reader, int block) throws IOException {
        int channels = reader.info().channels();
        double[][] buf = new double[channels][block];
        List<double[][]> parts = new ArrayList<>();
        int total = 0;
        int n;
        while ((n = reader.read(buf, block)) > 0) {
            double[][] part = new double[channels][];
            for (int ch = 0; ch < channels; ch++) {
                part[ch] = java.util.Arrays.copyOf(buf[ch], n);
            }
            parts.add(part);
            total += n;
        }
        double[][] out = new double[channels][total];
        int at = 0;
        for (double[][] part : parts) {
            for (int ch = 0; ch < channels; ch++) {
                System.arraycopy(part[ch], 0, out[ch], at, part[ch].length);
            }
            at += part[0].length;
        }
        return out;
    }

    /** Asserts the decoded doubles are exactly {@code v / 2^(bps-1)} of the expected integers. */
    static void assertSamples(int[][] expected, int bps, double[][] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": channels");
        double scale = Math.pow(2, bps - 1);
        for (int ch = 0; ch < expected.length; ch++) {
            assertEquals(expected[ch].length, actual[ch].length, what + ": frames of channel " + ch);
            for (int i = 0; i < expected[ch].length; i++) {
                if (expected[ch][i] / scale != actual[ch][i]) {
                    fail(what + ": channel " + ch + " sample " + i + " is " + actual[ch][i] * scale
                            + ", expected " + expected[ch][i]);
                }
            }
        }
    }

    /** Integer samples as the reader would scale them. */
    static double[][] scaled(int[][] samples, int bps) {
        double[][] out = new double[samples.length][];
        double scale = Math.pow(2, bps - 1);
        for (int ch = 0; ch < samples.length; ch++) {
            out[ch] = new double[samples[ch].length];
            for (int i = 0; i < out[ch].length; i++) {
                out[ch][i] = samples[ch][i] / scale;
            }
        }
        return out;
    }

    /** Channel assignment codes of all frames, found by scanning for headers with a valid CRC-8. */
    static List<Integer> channelAssignments(byte[] file) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i + 6 < file.length; i++) {
            if ((file[i] & 0xFF) != 0xFF || (file[i + 1] & 0xFE) != 0xF8) {
                continue;
            }
            int len = headerLength(file, i);
            if (len > 0 && i + len < file.length && FlacCrc.crc8(0, file, i, i + len) == (file[i + len] & 0xFF)) {
                found.add((file[i + 3] & 0xFF) >> 4);
            }
        }
        return found;
    }

    /** Header length without its CRC-8 byte, or -1. */
    static int headerLength(byte[] f, int at) {
        int sizeCode = (f[at + 2] & 0xFF) >> 4;
        int rateCode = f[at + 2] & 0x0F;
        int first = f[at + 4] & 0xFF;
        int utf = Integer.numberOfLeadingZeros(~(first << 24));
        if (utf == 1 || utf > 7) {
            return -1;
        }
        int len = 4 + Math.max(1, utf);
        len += sizeCode == 6 ? 1 : sizeCode == 7 ? 2 : 0;
        len += rateCode == 12 ? 1 : rateCode == 13 || rateCode == 14 ? 2 : 0;
        return len;
    }

    static byte[] bytes(Path p) throws IOException {
        return Files.readAllBytes(p);
    }

    /** Raw little-endian signed PCM as decoded by {@code flac -d}, parsed to [channel][frame]. */
    static int[][] flacDecodeRaw(Path flac, Path raw, int channels, int bps) throws IOException, InterruptedException {
        run(List.of("flac", "-s", "-d", "-f", "--force-raw-format", "--endian=little", "--sign=signed",
                "-o", raw.toString(), flac.toString()));
        byte[] data = Files.readAllBytes(raw);
        int bytes = (bps + 7) / 8;
        int frames = data.length / (bytes * channels);
        int[][] out = new int[channels][frames];
        int p = 0;
        for (int i = 0; i < frames; i++) {
            for (int ch = 0; ch < channels; ch++) {
                int v = 0;
                for (int k = 0; k < bytes; k++) {
                    v |= (data[p++] & 0xFF) << (8 * k);
                }
                out[ch][i] = (v << (32 - 8 * bytes)) >> (32 - 8 * bytes);
            }
        }
        return out;
    }
}
