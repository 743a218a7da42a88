package io.mixfarm.cli;

import io.mixfarm.cli.demo.ExampleMusic;
import io.mixfarm.cli.measure.MeasureBatch;
import io.mixfarm.cli.measure.MeasureReport;
import io.mixfarm.cli.measure.MeasuredFile;
import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code farm demo}: the main job on embedded defaults. Today it synthesizes a small example
 * album in three formats and measures it as a label's QC would; later issues extend it to run
 * the whole farm.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = "Generate an example album (WAV 24-bit, FLAC 16-bit, WAV float) and measure "
                + "its loudness per song and as an album.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the example album (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("example");

    @Option(names = "--seconds", paramLabel = "S", description = "Length of each song (default: ${DEFAULT-VALUE}).")
    int seconds = 30;

    private record Song(String file, WriteSpec spec, double tempo, double level) {
    }

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || seconds > 3600) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--seconds: " + seconds + " is outside 1..3600");
        }
        Files.createDirectories(out);
        List<Song> songs = List.of(
                new Song("01-opening.wav", new WriteSpec(Container.WAV, 48_000, 2, SampleFormat.PCM_24), 96, 0.9),
                new Song("02-ballad.flac", new WriteSpec(Container.FLAC, 44_100, 2, SampleFormat.PCM_16), 72, 0.35),
                new Song("03-finale.wav", new WriteSpec(Container.WAV, 96_000, 2, SampleFormat.FLOAT_32), 128, 0.7));
        List<Path> files = new ArrayList<>();
        long seed = 1;
        for (Song song : songs) {
            Path file = out.resolve(song.file());
            write(file, song, seed++);
            files.add(file);
        }
        System.out.println("Example album written to " + out.toAbsolutePath() + "; measuring it:");
        List<MeasuredFile> results = MeasureBatch.measure(files, Runtime.getRuntime().availableProcessors());
        new MeasureReport(results, true).printText(System.out);
        return results.stream().anyMatch(MeasuredFile::failed) ? 1 : 0;
    }

    private void write(Path file, Song song, long seed) throws IOException {
        WriteSpec spec = song.spec();
        ExampleMusic music = new ExampleMusic(spec.sampleRate(), song.tempo(), song.level(), seed);
        double[][] block = new double[2][4096];
        long remaining = (long) seconds * spec.sampleRate();
        try (AudioWriter writer = AudioFiles.create(file, spec)) {
            while (remaining > 0) {
                int n = (int) Math.min(block[0].length, remaining);
                music.render(block, n);
                writer.write(block, n);
                remaining -= n;
            }
        }
    }
}
