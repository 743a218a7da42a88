package io.mixfarm.cli.submit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.contract.Priority;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What {@code farm submit} does before it waits: uploads the manifest's local stems to the farm's
 * S3 by content, rewrites their uris (and a local output) to S3, and posts the session.
 */
public final class SessionSubmitter {
    private SessionSubmitter() {
    }

    /**
     * @return the session id the coordinator assigned
     * @throws CoordinatorClient.CoordinatorException when the coordinator refuses the session
     */
    public static String submit(Path manifest, S3Client s3, String stemsBucket, String outputBucket,
                                CoordinatorClient coordinator, PrintStream out) throws IOException, InterruptedException {
        return submit(manifest, s3, stemsBucket, outputBucket, coordinator, out, Priority.NORMAL);
    }

    /** As {@link #submit(Path, S3Client, String, String, CoordinatorClient, PrintStream)}, in a priority class. */
    public static String submit(Path manifest, S3Client s3, String stemsBucket, String outputBucket,
                                CoordinatorClient coordinator, PrintStream out, Priority priority)
            throws IOException, InterruptedException {
        ObjectNode tree = ManifestRewriter.read(manifest);
        Path baseDir = manifest.toAbsolutePath().getParent();
        StemUploader uploader = new StemUploader(s3, stemsBucket, out);
        ManifestRewriter.rewrite(tree, baseDir, uploader::upload, outputBucket);
        out.println("Stems: " + uploader.uploaded() + " uploaded, " + uploader.skipped() + " already in S3");
        return coordinator.submit(new ObjectMapper().writeValueAsString(tree), priority);
    }
}
