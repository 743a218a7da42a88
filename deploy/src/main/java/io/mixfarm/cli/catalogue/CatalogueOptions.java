package io.mixfarm.cli.catalogue;

import io.mixfarm.cli.submit.FarmS3;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.file.Path;

/** Options {@code farm relevel} and {@code farm analyze} share: where the farm is and how tracks become sessions. */
public final class CatalogueOptions {

    /** How tracks are grouped into albums. */
    public enum AlbumBy { none, folder, album }

    @Option(names = "--coordinator", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
            description = "The coordinator's API (default: ${DEFAULT-VALUE}).")
    URI coordinator;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:MIXFARM_API_TOKEN}",
            description = "The coordinator's API token (default: the environment variable MIXFARM_API_TOKEN).")
    String token;

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "The farm's S3 endpoint (path-style); none: AWS's own for the region.")
    URI s3Endpoint;

    @Option(names = "--s3-region", defaultValue = "us-east-1", description = "S3 region (default: ${DEFAULT-VALUE}).")
    String s3Region;

    @Option(names = "--s3-access-key", paramLabel = "KEY", description = "S3 access key; none: the AWS default credentials chain.")
    String s3AccessKey;

    @Option(names = "--s3-secret-key", paramLabel = "SECRET", description = "S3 secret key.")
    String s3SecretKey;

    @Option(names = "--csv", paramLabel = "FILE", description = "Read the tracks from a CSV (a uri column, optional "
            + "song_id, title, artist, isrc, album columns) instead of listing a prefix.")
    Path csv;

    @Option(names = "--album-by", defaultValue = "none", paramLabel = "HOW",
            description = "Group tracks into albums: none, folder (the parent folder), album (the CSV's album column). "
                    + "Default: ${DEFAULT-VALUE}.")
    AlbumBy albumBy;

    @Option(names = "--page-size", defaultValue = "1000", paramLabel = "N",
            description = "At most N songs per session (default: ${DEFAULT-VALUE}); an album is never split.")
    int pageSize;

    @Option(names = "--name", paramLabel = "ID", description = "Session ids start with this (default: the command's name).")
    String name;

    @Option(names = "--wait", description = "Wait for every session to end; the exit code is 1 if a song failed.")
    boolean await;

    S3Client s3() {
        return FarmS3.client(s3Endpoint, s3Region, s3AccessKey, s3SecretKey);
    }

    Pages.Grouping grouping() {
        return switch (albumBy) {
            case none -> Pages.Grouping.NONE;
            case folder -> Pages.Grouping.FOLDER;
            case album -> Pages.Grouping.ALBUM;
        };
    }
}
