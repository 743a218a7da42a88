package io.mixfarm.engine.deliver;

import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.codec.wav.ExternalTools;
import io.mixfarm.engine.codec.wav.TestAudio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** ffmpeg as an oracle for the delivered files, and reading them back. */
final class Tools {
    private Tools() {
    }

    /** What ffmpeg's ebur128 filter (peak=true) reports for a file. */
    record Ebur128(double integratedLufs, double truePeakDbtp) {
    }

    static Ebur128 ebur128(Path file) throws IOException, InterruptedException {
        String out = runMerged("ffmpeg", "-hide_banner", "-nostats", "-i", file.toString(),
                "-af", "ebur128=peak=true", "-f", "null", "-");
        int summary = out.lastIndexOf("Summary:");
        assertTrue(summary >= 0, "no ebur128 summary in:\n" + out);
        String tail = out.substring(summary);
        return new Ebur128(number(tail, "I:\\s+(-?[0-9.]+|-inf) LUFS"), number(tail, "Peak:\\s+(-?[0-9.]+|-inf) dBFS"));
    }

    /** The file decoded by ffmpeg as planar doubles (integers via s32le, exact; float via f32le). */
    static double[][] ffmpegDecode(Path file, int channels, boolean floatingPoint, Path scratch)
            throws IOException, InterruptedException {
        Path raw = scratch.resolve(file.getFileName() + ".raw");
        runMerged("ffmpeg", "-hide_banner", "-y", "-i", file.toString(), "-f", floatingPoint ? "f32le" : "s32le",
                "-c:a", floatingPoint ? "pcm_f32le" : "pcm_s32le", raw.toString());
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        int frames = bytes.capacity() / 4 / channels;
        double[][] out = new double[channels][frames];
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                out[c][i] = floatingPoint ? bytes.getFloat() : bytes.getInt() / 2147483648.0;
            }
        }
        Files.delete(raw);
        return out;
    }

    static double[][] read(Path file) throws IOException {
        try (AudioReader reader = AudioFiles.open(file)) {
            return TestAudio.readAll(reader, 8192);
        }
    }

    static String runMerged(String... command) throws IOException, InterruptedException {
        ExternalTools.require(command[0]);
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        process.getOutputStream().close();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            in.transferTo(output);
        }
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish");
        }
        assertEquals(0, process.exitValue(), () -> String.join(" ", command) + " failed:\n" + output);
        return output.toString();
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no match for " + regex + " in:\n" + text);
        return m.group(1).equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(m.group(1));
    }
}
