package io.mixfarm.cli.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.cli.submit.CoordinatorClient;
import io.mixfarm.contract.S3Uri;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * {@code farm relevel}: finished files under a prefix (or in a CSV) become sessions of source
 * songs, mastered with a preset into files at their keys mirrored under the output; with album
 * grouping, one album-mode session per album.
 */
public final class RelevelJob {

    /** What each re-levelled file is: the preset's loudness, one deliverable. */
    public record Delivery(String preset, int sampleRate, String format, int bitDepth) {
    }

    private final CatalogueOptions options;
    private final String prefix;
    private final String output;
    private final String reports;
    private final Delivery delivery;

    public RelevelJob(CatalogueOptions options, String prefix, String output, String reports, Delivery delivery) {
        this.options = options;
        this.prefix = prefix;
        this.output = output;
        this.reports = reports;
        this.delivery = delivery;
    }

    /** Submits (and with --wait follows) the sessions; the exit code. */
    public int run(PrintStream out, PrintStream err) throws IOException, InterruptedException {
        S3Uri mirror;
        S3Uri reportRoot;
        try {
            mirror = S3Uri.parse(output);
            reportRoot = reports != null ? S3Uri.parse(reports) : mirror.resolve(".mixfarm/");
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        String name = options.name != null ? options.name : "relevel";
        CatalogueRun run = new CatalogueRun(options, out);
        List<CatalogueRun.Submitted> submitted;
        try (S3Client s3 = options.s3(); CatalogueRun.Tracks tracks = CatalogueRun.tracks(options, s3, prefix)) {
            Pages pages = new Pages(tracks.iterator(), options.grouping(), options.pageSize, true);
            submitted = run.submitAll(pages, (number, only, page) -> {
                String id = String.format(Locale.ROOT, "%s-%05d", name, number);
                return CatalogueManifests.relevel(id, title(page, number), reportRoot.resolve(id + "/"), delivery,
                        page.album() != null, page.tracks(), mirror);
            });
        } catch (CoordinatorClient.CoordinatorException e) {
            err.println("The coordinator refused a session: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        out.println(submitted.size() + " sessions, " + submitted.stream().mapToInt(CatalogueRun.Submitted::songs).sum()
                + " songs; re-levelled files under " + mirror + ", reports under " + reportRoot);
        if (!options.await) {
            return 0;
        }
        List<JsonNode> views = run.awaitAll(submitted);
        return CatalogueRun.allCompleted(views) ? 0 : 1;
    }

    private String title(Pages.Page page, int number) {
        if (page.album() != null) {
            return options.grouping() == Pages.Grouping.FOLDER ? albumTitle(page.album())
                    : page.album().isEmpty() ? "(no album)" : page.album();
        }
        return (options.csv != null ? options.csv.getFileName().toString() : prefix) + " (part " + number + ")";
    }

    /** An album's name for a title: the folder's own name, or the CSV's album. */
    static String albumTitle(String album) {
        String trimmed = album.endsWith("/") ? album.substring(0, album.length() - 1) : album;
        String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return last.isBlank() ? "(top level)" : last;
    }
}
