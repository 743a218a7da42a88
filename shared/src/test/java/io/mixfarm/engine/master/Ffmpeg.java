package io.mixfarm.engine.master;

import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** ffmpeg's ebur128 filter (peak=true) as an independent loudness and true-peak meter. */
final class Ffmpeg {

    /**
     * ffmpeg's reading.
     *
     * @param integratedLufs integrated loudness (3 decimals)
     * @param truePeakDbtp   largest true peak over the file (ffmpeg prints it linear, 3 decimals)
     */
    record Reading(double integratedLufs, double truePeakDbtp) {
    }

    private Ffmpeg() {
    }

    static void require() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "ffmpeg"))) {
                return;
            }
        }
        fail("ffmpeg is needed as the independent meter of this test (apt-get install ffmpeg)");
    }

    /** Writes {@code audio} as a 32-bit float WAV. */
    static Path writeWav(Path file, int sampleRate, double[][] audio) throws IOException {
        try (AudioWriter w = AudioFiles.create(file, new WriteSpec(Container.WAV, sampleRate, audio.length,
                SampleFormat.FLOAT_32))) {
            w.write(audio, audio[0].length);
        }
        return file;
    }

    static Reading measure(Path file) throws IOException, InterruptedException {
        require();
        Process p = new ProcessBuilder("ffmpeg", "-nostats", "-hide_banner", "-i", file.toString(), "-af",
                "ebur128=peak=true:metadata=1,ametadata=mode=print", "-f", "null", "-")
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("ffmpeg failed on " + file + ":\n" + text);
        }
        double integrated = Double.NaN;
        double peak = 0;
        for (String line : text.split("\n")) {
            int at = line.indexOf("lavfi.r128.I=");
            if (at >= 0) {
                integrated = Double.parseDouble(line.substring(at + "lavfi.r128.I=".length()).trim());
            }
            at = line.indexOf("lavfi.r128.true_peak=");
            if (at >= 0) {
                peak = Math.max(peak, Double.parseDouble(line.substring(at + "lavfi.r128.true_peak=".length()).trim()));
            }
        }
        return new Reading(integrated, 20 * Math.log10(peak));
    }
}
