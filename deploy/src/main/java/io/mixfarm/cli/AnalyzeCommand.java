package io.mixfarm.cli;

import io.mixfarm.cli.catalogue.AnalyzeJob;
import io.mixfarm.cli.catalogue.CatalogueOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "analyze",
        mixinStandardHelpOptions = true,
        description = "Measures on the farm without rendering: integrated loudness, loudness range, true and sample "
                + "peak and ReplayGain 2.0 track and album gain and peak. Takes an S3 prefix (or --csv) of finished "
                + "files, measured as they are, or a session MANIFEST, whose stem songs are mixed without mastering "
                + "and the mix measured. The coordinator writes analysis.csv and analysis.json under --output "
                + "(under <output>/part-NNNNN/ when the tracks take several sessions); with --wait the results are "
                + "summarized here.")
public final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "S3_PREFIX|MANIFEST",
            description = "s3://bucket/prefix/ to list, or a session manifest file.")
    String input;

    @Option(names = "--output", paramLabel = "S3_PREFIX",
            description = "Where the reports go (required for a prefix; default for a manifest: its output).")
    String output;

    @Option(names = "--stems-bucket", defaultValue = "stems",
            description = "Bucket a manifest's local stems and sources are uploaded to (default: ${DEFAULT-VALUE}).")
    String stemsBucket;

    @Mixin
    CatalogueOptions options;

    @Override
    public Integer call() throws Exception {
        return new AnalyzeJob(options, input, output, stemsBucket).run(System.out, System.err);
    }
}
