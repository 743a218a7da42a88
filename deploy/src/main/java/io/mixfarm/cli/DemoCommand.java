package io.mixfarm.cli;

import io.mixfarm.cli.demo.ExampleAlbum;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code farm demo}: the main job on embedded defaults. It synthesizes an example album (stems
 * and a session manifest), renders it with {@code farm render} and measures the results as a
 * label's QC would. The farm issue turns it into a run through the whole farm.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = "Write an example album (synthesized stems, WAV and FLAC, and a session manifest "
                + "with EQ, compression, buses, reverb and delay), render it and measure the result.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to write the album and its renders (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("example");

    @Option(names = "--seconds", paramLabel = "S", description = "Length of each song (default: ${DEFAULT-VALUE}).")
    int seconds = 30;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || seconds > 3600) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds: " + seconds + " is outside 1..3600");
        }
        Files.createDirectories(dir);
        Path manifest = ExampleAlbum.write(dir, seconds);
        Path out = dir.resolve("render");
        System.out.println("Example album: " + manifest + " (stems under " + dir.resolve("stems") + ")");
        CommandLine cli = spec.commandLine().getParent();
        int rendered = cli.execute("render", manifest.toString(), "--out", out.toString());
        if (rendered != 0) {
            return rendered;
        }
        System.out.println();
        System.out.println("Loudness of the mixes (BS.1770-4):");
        try (var songs = Files.list(out)) {
            String[] mixes = songs.filter(Files::isDirectory).sorted()
                    .map(song -> song.resolve("mix.wav").toString()).toArray(String[]::new);
            String[] args = new String[mixes.length + 2];
            args[0] = "measure";
            args[1] = "--album";
            System.arraycopy(mixes, 0, args, 2, mixes.length);
            return cli.execute(args);
        }
    }
}
