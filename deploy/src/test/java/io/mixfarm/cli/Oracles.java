package io.mixfarm.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * ffmpeg, ffprobe and metaflac as independent oracles for delivered files. A missing tool fails
 * the test with a message saying what to install (CI installs them), never skips it.
 */
final class Oracles {

    /** ffmpeg's ebur128 summary: integrated loudness and true peak, as printed (one decimal). */
    record Ebur128(double integratedLufs, double truePeakDbtp) {
    }

    private static final Pattern I = Pattern.compile("I:\\s+(-?[0-9.]+|-inf) LUFS");
    private static final Pattern PEAK = Pattern.compile("Peak:\\s+(-?[0-9.]+|-inf) dBFS");

    private Oracles() {
    }

    static Ebur128 ebur128(Path file) throws IOException, InterruptedException {
        String text = run("ffmpeg", "-nostats", "-hide_banner", "-i", file.toString(), "-af", "ebur128=peak=true",
                "-f", "null", "-");
        String summary = text.substring(text.lastIndexOf("Summary:"));
        return new Ebur128(number(I, summary, file), number(PEAK, summary, file));
    }

    /** ffmpeg's ebur128 summary with both peaks: integrated loudness, loudness range, sample and true peak. */
    record Ebur128Full(double integratedLufs, double loudnessRangeLu, double samplePeakDbfs, double truePeakDbtp) {
    }

    private static final Pattern LRA = Pattern.compile("LRA:\\s+(-?[0-9.]+) LU");

    static Ebur128Full ebur128Full(Path file) throws IOException, InterruptedException {
        String text = run("ffmpeg", "-nostats", "-hide_banner", "-i", file.toString(), "-af",
                "ebur128=peak=sample+true", "-f", "null", "-");
        String summary = text.substring(text.lastIndexOf("Summary:"));
        String samplePeak = summary.substring(summary.indexOf("Sample peak:"));
        String truePeak = summary.substring(summary.indexOf("True peak:"));
        return new Ebur128Full(number(I, summary, file), number(LRA, summary, file), number(PEAK, samplePeak, file),
                number(PEAK, truePeak, file));
    }

    /** The container-level tags ffprobe reads, as {@code TAG:key=value} lines. */
    static String ffprobeTags(Path file) throws IOException, InterruptedException {
        return run("ffprobe", "-v", "error", "-show_entries", "format_tags", file.toString());
    }

    /** A FLAC file's Vorbis comments as metaflac exports them. */
    static String metaflacTags(Path file) throws IOException, InterruptedException {
        return run("metaflac", "--export-tags-to=-", file.toString());
    }

    private static double number(Pattern p, String text, Path file) {
        Matcher m = p.matcher(text);
        assertTrue(m.find(), "ffmpeg ebur128 summary of " + file + " lacks " + p + ":\n" + text);
        return m.group(1).equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(m.group(1));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Path tool = Path.of("/usr/bin", command[0]);
        if (!Files.isExecutable(tool) && !onPath(command[0])) {
            fail(command[0] + " is not installed; these tests use it as an independent oracle "
                    + "(Debian: apt-get install ffmpeg flac)");
        }
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), command[0] + " timed out");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + text);
        return text;
    }

    private static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }
}
