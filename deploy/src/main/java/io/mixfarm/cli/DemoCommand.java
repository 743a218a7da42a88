package io.mixfarm.cli;

import io.mixfarm.cli.demo.ExampleAlbum;
import io.mixfarm.contract.OutputKeys;
import io.mixfarm.manifest.ManifestLoader;
import io.mixfarm.manifest.Session;
import io.mixfarm.manifest.Song;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code farm demo}: the main job on embedded defaults. It synthesizes an example album (stems
 * and a session manifest), renders and masters it with {@code farm render} (which prints the
 * album summary) and measures the delivered masters again as a label's QC would. The farm issue turns it into a run through the whole farm.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = "Write an example album (synthesized stems, WAV and FLAC, and a session manifest "
                + "with EQ, compression, buses, reverb and delay), render and master it (album mode), and measure the delivered masters.")
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
        System.out.println("Loudness of the masters as delivered at the session rate (BS.1770-4, measured again):");
        List<String> args = new ArrayList<>(List.of("measure", "--album"));
        args.addAll(mastersAtSessionRate(ManifestLoader.load(manifest), out));
        return cli.execute(args.toArray(String[]::new));
    }

    /** Each song's deliverable at the session's rate (the example lists one per song). */
    private static List<String> mastersAtSessionRate(Session session, Path out) {
        List<String> files = new ArrayList<>();
        for (Song song : session.songs()) {
            session.masteringFor(song).deliverables().stream()
                    .filter(d -> d.sampleRate() == session.sampleRate().intValue()).findFirst()
                    .ifPresent(d -> files.add(out.resolve(song.id())
                            .resolve(OutputKeys.deliverableFile(song.id(), d, session.sampleRate())).toString()));
        }
        return files;
    }
}
