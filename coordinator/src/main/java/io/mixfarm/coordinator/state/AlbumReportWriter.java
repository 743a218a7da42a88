package io.mixfarm.coordinator.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.coordinator.storage.ObjectStore;
import io.mixfarm.coordinator.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Writes album reports to storage off the actor: reads back the song reports the coordinator no
 * longer holds, then puts the report, retrying while the store is unavailable. In album mode it
 * first deletes the session's {@code .work/} folder ({@link io.mixfarm.contract.OutputKeys#workFolder}).
 */
public final class AlbumReportWriter {

    private static final Logger LOG = LoggerFactory.getLogger(AlbumReportWriter.class);
    private static final int ATTEMPTS = 4;
    private static final long SONG_REPORT_MAX_BYTES = 16L * 1024 * 1024;

    private final ObjectStore store;
    private final Executor executor;

    public AlbumReportWriter(ObjectStore store, Executor executor) {
        this.store = store;
        this.executor = executor;
    }

    /** Completes with null when written, or with what went wrong. */
    CompletableFuture<String> write(AlbumReports.Draft draft) {
        return CompletableFuture.supplyAsync(() -> writeNow(draft), executor);
    }

    private String writeNow(AlbumReports.Draft draft) {
        if (draft.workFolder() != null) {
            deleteWork(draft.workFolder());
        }
        for (Map.Entry<Integer, S3Uri> missing : draft.missingReports().entrySet()) {
            readReport(missing.getValue()).ifPresent(r -> AlbumReports.fill(draft.report(), missing.getKey(), r));
        }
        byte[] bytes;
        try {
            bytes = ContractJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(draft.report());
        } catch (JsonProcessingException e) {
            return "cannot write the report as JSON: " + e.getMessage();
        }
        for (AlbumReports.Attachment attachment : draft.attachments()) {
            String problem = put(attachment.target(), attachment.bytes(), attachment.contentType());
            if (problem != null) {
                return problem;
            }
        }
        return put(draft.target(), bytes, "application/json");
    }

    /** Null when written, else what went wrong; retries while the store is unavailable. */
    private String put(S3Uri target, byte[] bytes, String contentType) {
        StorageException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                store.put(target, bytes, contentType);
                return null;
            } catch (StorageException e) {
                last = e;
                if (!e.retriable()) {
                    break;
                }
                sleep(250L << attempt);
            }
        }
        LOG.warn("report {} not written: {}", target, last.getMessage());
        return last.getMessage();
    }

    /**
     * The session has ended: the mixes ANALYZE left for MASTER are no longer needed (MASTER deletes
     * its own; this catches those of failed songs and of redelivered ANALYZE tasks). Best effort.
     */
    private void deleteWork(S3Uri folder) {
        try {
            int deleted = store.deleteAll(folder);
            if (deleted > 0) {
                LOG.info("deleted {} intermediate objects under {}", deleted, folder);
            }
        } catch (StorageException e) {
            LOG.warn("intermediate objects under {} not deleted: {}", folder, e.getMessage());
        }
    }

    private Optional<JsonNode> readReport(S3Uri uri) {
        try {
            Optional<byte[]> bytes = store.get(uri, SONG_REPORT_MAX_BYTES);
            return bytes.isEmpty() ? Optional.empty() : Optional.of(ContractJson.mapper().readTree(bytes.get()));
        } catch (StorageException | IOException e) {
            LOG.warn("song report {} not read for the album report: {}", uri, e.getMessage());
            return Optional.empty();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
