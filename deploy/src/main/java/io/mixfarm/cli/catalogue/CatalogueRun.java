package io.mixfarm.cli.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.cli.submit.CoordinatorClient;
import io.mixfarm.contract.S3Uri;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Submits a catalogue as sessions, a page at a time (the listing or CSV is read as pages are
 * needed), prints each session id as it is accepted, and optionally waits for all of them.
 */
final class CatalogueRun {

    private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "CANCELLED");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A submitted session. */
    record Submitted(String sessionId, int songs) {
    }

    private final CatalogueOptions options;
    private final PrintStream out;
    private final CoordinatorClient client;

    CatalogueRun(CatalogueOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.client = options.api.client();
    }

    /** The tracks: the CSV's rows, or the audio files under {@code prefix}; close when done. */
    static Tracks tracks(CatalogueOptions options, S3Client s3, String prefix) throws IOException {
        if (options.csv != null) {
            BufferedReader reader = Files.newBufferedReader(options.csv, StandardCharsets.UTF_8);
            CsvTracks csv = new CsvTracks(reader, options.csv.toString());
            return new Tracks(csv, csv);
        }
        if (prefix == null) {
            throw new IllegalArgumentException("give an s3:// prefix to list, or --csv FILE");
        }
        S3Uri uri = S3Uri.parse(prefix);
        return new Tracks(new S3Listing(s3, uri), () -> { });
    }

    /** A stream of tracks and what to close after it. */
    record Tracks(Iterator<Track> iterator, Closeable closer) implements Closeable {
        @Override
        public void close() throws IOException {
            closer.close();
        }
    }

    /**
     * Submits every page; {@code manifest} builds a page's manifest from its number (1-based),
     * whether it is the only page, and the page.
     */
    List<Submitted> submitAll(Pages pages, ManifestFactory manifest) throws IOException, InterruptedException {
        List<Submitted> submitted = new ArrayList<>();
        int number = 0;
        while (pages.hasNext()) {
            Pages.Page page = pages.next();
            number++;
            boolean only = number == 1 && !pages.hasNext();
            ObjectNode tree = manifest.build(number, only, page);
            String id = client.submit(JSON.writeValueAsString(tree));
            out.println(id + "  " + page.tracks().size() + " songs"
                    + (page.album() != null ? "  album " + (page.album().isEmpty() ? "/" : page.album()) : ""));
            out.flush();
            submitted.add(new Submitted(id, page.tracks().size()));
        }
        return submitted;
    }

    /** Builds one page's manifest. */
    interface ManifestFactory {
        ObjectNode build(int number, boolean only, Pages.Page page);
    }

    /** Waits until every session has ended, printing each as it does; their final views, in order. */
    List<JsonNode> awaitAll(List<Submitted> sessions) throws IOException, InterruptedException {
        List<JsonNode> views = new ArrayList<>();
        for (Submitted s : sessions) {
            JsonNode view;
            while (true) {
                view = client.session(s.sessionId());
                if (ENDED.contains(view.path("state").asText())) {
                    break;
                }
                Thread.sleep(500);
            }
            JsonNode counts = view.path("counts");
            out.println(String.format(Locale.ROOT, "%s %s: %d of %d songs completed%s", s.sessionId(),
                    view.path("state").asText(), counts.path("completed").asInt(), counts.path("total").asInt(),
                    view.hasNonNull("message") ? " (" + view.path("message").asText() + ")" : ""));
            out.flush();
            views.add(view);
        }
        return views;
    }

    PrintStream out() {
        return out;
    }

    static boolean allCompleted(List<JsonNode> views) {
        return views.stream().allMatch(v -> "COMPLETED".equals(v.path("state").asText()));
    }
}
