package io.mixfarm.engine.codec.flac;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Runs the reference tools (flac, metaflac, ffmpeg) as oracles; fails clearly when one is missing. */
final class FlacReferenceTools {
    private FlacReferenceTools() {
    }

    /** Fails the test with an install hint unless {@code /usr/bin/name} (or PATH) has the tool. */
    static String require(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        fail("the reference tool '" + name + "' is not installed; these tests use it as an oracle "
                + "(apt-get install flac ffmpeg)");
        return name;
    }

    /** Output and exit status of a finished process. */
    record Result(int exitCode, String output) {
    }

    static Result run(String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(command));
        args.set(0, require(args.get(0)));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        process.getOutputStream().close();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            in.transferTo(output);
        }
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish");
        }
        return new Result(process.exitValue(), output.toString());
    }

    /** Runs the command and fails the test, with its output, unless it exits with 0. */
    static String check(String... command) throws IOException, InterruptedException {
        Result result = run(command);
        assertTrue(result.exitCode() == 0, String.join(" ", command) + " failed with "
                + result.exitCode() + ":\n" + result.output());
        return result.output();
    }

    /** Decodes with the reference decoder to raw little-endian signed PCM. */
    static byte[] flacDecode(Path flac, Path dir) throws IOException, InterruptedException {
        Path raw = dir.resolve(flac.getFileName() + ".flac-d.raw");
        check("flac", "-d", "-f", "--silent", "--force-raw-format", "--endian=little", "--sign=signed",
                "-o", raw.toString(), flac.toString());
        return Files.readAllBytes(raw);
    }

    /** Decodes with ffmpeg's independent FLAC decoder to raw little-endian signed PCM. */
    static byte[] ffmpegDecode(Path flac, Path dir, int bits) throws IOException, InterruptedException {
        Path raw = dir.resolve(flac.getFileName() + ".ffmpeg.raw");
        String format = bits == 16 ? "s16le" : "s24le";
        check("ffmpeg", "-v", "error", "-y", "-i", flac.toString(), "-f", format, "-c:a", "pcm_" + format,
                raw.toString());
        return Files.readAllBytes(raw);
    }

    /** Encodes raw little-endian PCM with {@code flac -5}; returns the output file. */
    static Path flacEncode(Path raw, int channels, int bits, int rate, Path out)
            throws IOException, InterruptedException {
        check("flac", "-5", "-f", "--silent", "--force-raw-format", "--endian=little", "--sign=signed",
                "--channels=" + channels, "--bps=" + bits, "--sample-rate=" + rate, "-o", out.toString(),
                raw.toString());
        return out;
    }
}
