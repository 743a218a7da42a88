package io.mixfarm.cli;

import io.mixfarm.cli.catalogue.RelevelJob;
import io.mixfarm.cli.catalogue.CatalogueOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "relevel",
        mixinStandardHelpOptions = true,
        description = "Re-levels finished masters on the farm: lists the audio files under an S3 prefix (or reads "
                + "--csv), submits them as sessions of at most --page-size songs whose songs name each file as their "
                + "source, and prints the session ids. Each file passes only the mastering chain of --preset and is "
                + "written at its key mirrored under --output (extension of --format). With --album-by, each album "
                + "is one album-mode session (one gain for its songs).")
public final class RelevelCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "S3_PREFIX", description = "s3://bucket/prefix/ to list.")
    String prefix;

    @Option(names = "--output", required = true, paramLabel = "S3_PREFIX",
            description = "Where the re-levelled files go, mirroring the source keys.")
    String output;

    @Option(names = "--reports", paramLabel = "S3_PREFIX",
            description = "Where the sessions' reports go (default: <output>/.mixfarm/).")
    String reports;

    @Option(names = "--preset", defaultValue = "streaming",
            description = "Mastering preset: streaming, apple, broadcast, aes-music (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--sample-rate", defaultValue = "44100", description = "Rate of the masters (default: ${DEFAULT-VALUE}).")
    int sampleRate;

    @Option(names = "--format", defaultValue = "wav", description = "wav or flac (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--bit-depth", defaultValue = "24", description = "16, 24 or 32 (default: ${DEFAULT-VALUE}).")
    int bitDepth;

    @Mixin
    CatalogueOptions options;

    @Override
    public Integer call() throws Exception {
        return new RelevelJob(options, prefix, output, reports,
                new RelevelJob.Delivery(preset, sampleRate, format, bitDepth)).run(System.out, System.err);
    }
}
