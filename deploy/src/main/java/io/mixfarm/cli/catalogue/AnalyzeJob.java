package io.mixfarm.cli.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.cli.submit.CoordinatorClient;
import io.mixfarm.cli.submit.ManifestRewriter;
import io.mixfarm.cli.submit.StemUploader;
import io.mixfarm.contract.S3Uri;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code farm analyze}: an S3 prefix or CSV of finished files becomes analyze sessions of source
 * songs (whole albums per session when grouping), or a manifest is submitted as an analyze job;
 * with --wait the coordinator's {@code analysis.json} reports are read back and summarized.
 */
public final class AnalyzeJob {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CatalogueOptions options;
    private final String input;
    private final String output;
    private final String stemsBucket;

    public AnalyzeJob(CatalogueOptions options, String input, String output, String stemsBucket) {
        this.options = options;
        this.input = input;
        this.output = output;
        this.stemsBucket = stemsBucket;
    }

    /** Submits (and with --wait follows and summarizes) the sessions; the exit code. */
    public int run(PrintStream out, PrintStream err) throws IOException, InterruptedException {
        CatalogueRun run = new CatalogueRun(options, out);
        try (S3Client s3 = options.s3()) {
            List<CatalogueRun.Submitted> submitted;
            try {
                submitted = isManifest() ? List.of(submitManifest(s3, out)) : submitTracks(s3, run);
            } catch (CoordinatorClient.CoordinatorException e) {
                err.println("The coordinator refused a session: " + e.getMessage());
                return 1;
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return 2;
            }
            if (!options.await) {
                return 0;
            }
            List<JsonNode> views = run.awaitAll(submitted);
            AnalysisSummary summary = new AnalysisSummary();
            for (JsonNode view : views) {
                S3Uri report = S3Uri.parse(view.path("output").asText()).resolve("analysis.json");
                try {
                    summary.add(JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(report.bucket()).key(report.key()))
                            .asByteArray()));
                    summary.reportAt(report.toString());
                } catch (SdkException e) {
                    err.println("cannot read " + report + ": " + e.getMessage());
                }
            }
            summary.print(out);
            return CatalogueRun.allCompleted(views) ? 0 : 1;
        }
    }

    private boolean isManifest() {
        return input != null && options.csv == null && !input.startsWith(S3Uri.SCHEME) && Files.isRegularFile(Path.of(input));
    }

    /** A manifest as an analyze job: its local stems and sources uploaded, {@code job: analyze}. */
    private CatalogueRun.Submitted submitManifest(S3Client s3, PrintStream out) throws IOException, InterruptedException {
        Path manifest = Path.of(input);
        ObjectNode tree = ManifestRewriter.read(manifest);
        StemUploader uploader = new StemUploader(s3, stemsBucket, out);
        ManifestRewriter.rewrite(tree, manifest.toAbsolutePath().getParent(), uploader::upload, null);
        tree.put("job", "analyze");
        if (output != null) {
            tree.put("output", output);
        }
        String id = options.api.client().submit(JSON.writeValueAsString(tree));
        int songs = tree.path("songs").size();
        out.println(id + "  " + songs + " songs");
        return new CatalogueRun.Submitted(id, songs);
    }

    private List<CatalogueRun.Submitted> submitTracks(S3Client s3, CatalogueRun run)
            throws IOException, InterruptedException {
        if (input != null && options.csv == null && !input.startsWith(S3Uri.SCHEME)) {
            throw new IllegalArgumentException("no manifest at " + input + ", and it is not an s3:// prefix");
        }
        if (output == null) {
            throw new IllegalArgumentException("--output s3://bucket/prefix/ is required: where the reports go");
        }
        S3Uri root = S3Uri.parse(output);
        String name = options.name != null ? options.name : "analyze";
        String what = options.csv != null ? options.csv.getFileName().toString() : input;
        try (CatalogueRun.Tracks tracks = CatalogueRun.tracks(options, s3, input)) {
            Pages pages = new Pages(tracks.iterator(), options.grouping(), options.pageSize, false);
            List<CatalogueRun.Submitted> submitted = run.submitAll(pages, (number, only, page) -> {
                String id = String.format(Locale.ROOT, "%s-%05d", name, number);
                S3Uri reports = only ? root : root.resolve(String.format(Locale.ROOT, "part-%05d/", number));
                return CatalogueManifests.analyze(id, "analysis of " + what + (only ? "" : " (part " + number + ")"),
                        reports, page.tracks(), options.grouping() == Pages.Grouping.NONE ? null : pages::albumOf);
            });
            run.out().println(submitted.size() + " sessions, "
                    + submitted.stream().mapToInt(CatalogueRun.Submitted::songs).sum() + " songs; reports under " + root);
            return new ArrayList<>(submitted);
        }
    }
}
