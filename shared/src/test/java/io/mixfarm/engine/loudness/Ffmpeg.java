package io.mixfarm.engine.loudness;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * ffmpeg's ebur128 filter as an independent reference meter. Raw samples go through a temp
 * file; integrated loudness and LRA come from the filter's frame metadata (3 decimals — the
 * printed summary rounds to 0.1), true peak from the summary (0.1 dB).
 */
final class Ffmpeg {

    /** Raw sample formats both meters can read bit-exactly. */
    enum RawFormat {
        S16("s16le"), S24("s24le"), F32("f32le");

        final String ffmpegName;

        RawFormat(String ffmpegName) {
            this.ffmpegName = ffmpegName;
        }

        /** The value a sample takes once stored in this format (what ffmpeg will read back). */
        double quantize(double x) {
            return switch (this) {
                case S16 -> Math.max(-32768, Math.min(32767, Math.round(x * 32768.0))) / 32768.0;
                case S24 -> Math.max(-8388608, Math.min(8388607, Math.round(x * 8388608.0))) / 8388608.0;
                case F32 -> (float) x;
            };
        }
    }

    record Result(double integratedLufs, double loudnessRangeLu, double truePeakDbtp) {
    }

    private static final Pattern INTEGRATED = Pattern.compile("lavfi\\.r128\\.I=(-?[0-9.]+|-?inf)");
    private static final Pattern RANGE = Pattern.compile("lavfi\\.r128\\.LRA=(-?[0-9.]+)");
    private static final Pattern PEAK = Pattern.compile("Peak:\\s+(-?[0-9.]+|-?inf) dBFS");

    private Ffmpeg() {
    }

    /** Fails the test with a clear message when ffmpeg is not installed. */
    static void requireInstalled() {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            found |= Files.isExecutable(Path.of(dir, "ffmpeg"));
        }
        assertTrue(found, "ffmpeg is needed as the reference meter for this test but is not on the PATH;"
                + " install it (e.g. apt-get install ffmpeg)");
    }

    /** Quantizes {@code planar} in place to {@code format}. */
    static void quantize(double[][] planar, RawFormat format) {
        for (double[] channel : planar) {
            for (int i = 0; i < channel.length; i++) {
                channel[i] = format.quantize(channel[i]);
            }
        }
    }

    /** Measures already-quantized planar audio with ffmpeg's ebur128 filter. */
    static Result measure(double[][] planar, int sampleRate, RawFormat format, Path dir)
            throws IOException, InterruptedException {
        Path raw = dir.resolve("in.raw");
        writeRaw(planar, format, raw);
        Path meta = dir.resolve("meta.txt");
        Files.deleteIfExists(meta);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-nostats",
                "-f", format.ffmpegName, "-ar", String.valueOf(sampleRate),
                "-ac", String.valueOf(planar.length), "-channel_layout", layout(planar.length),
                "-i", raw.getFileName().toString(),
                "-af", "ebur128=peak=true:metadata=1:framelog=verbose,ametadata=mode=print:file=meta.txt",
                "-f", "null", "-"));
        Process process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail("ffmpeg failed: " + new String(output, StandardCharsets.UTF_8));
        }
        String log = new String(output, StandardCharsets.UTF_8);
        String metadata = Files.readString(meta);
        return new Result(last(INTEGRATED, metadata, "I"), last(RANGE, metadata, "LRA"), last(PEAK, log, "Peak"));
    }

    private static String layout(int channels) {
        return switch (channels) {
            case 1 -> "mono";
            case 2 -> "stereo";
            case 6 -> "5.1";
            default -> throw new IllegalArgumentException("no ffmpeg layout chosen for " + channels + " channels");
        };
    }

    private static double last(Pattern pattern, String text, String what) {
        Matcher m = pattern.matcher(text);
        String value = null;
        while (m.find()) {
            value = m.group(1);
        }
        if (value == null) {
            fail("ffmpeg output has no " + what + " value:\n" + text);
        }
        return value.endsWith("inf") ? (value.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                : Double.parseDouble(value);
    }

    private static void writeRaw(double[][] planar, RawFormat format, Path file) throws IOException {
        int channels = planar.length;
        int frames = planar[0].length;
        int bytes = format == RawFormat.S16 ? 2 : format == RawFormat.S24 ? 3 : 4;
        ByteBuffer buf = ByteBuffer.allocate(8192 * channels * bytes).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < frames; i++) {
                for (int c = 0; c < channels; c++) {
                    double x = planar[c][i];
                    switch (format) {
                        case S16 -> buf.putShort((short) Math.round(x * 32768.0));
                        case S24 -> {
                            int v = (int) Math.round(x * 8388608.0);
                            buf.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
                        }
                        default -> buf.putFloat((float) x);
                    }
                }
                if (buf.remaining() < channels * bytes) {
                    out.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
            }
            out.write(buf.array(), 0, buf.position());
        }
    }
}
