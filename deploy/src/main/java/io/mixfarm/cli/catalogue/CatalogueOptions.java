package io.mixfarm.cli.catalogue;

import io.mixfarm.cli.ApiOptions;
import io.mixfarm.cli.S3Options;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;

/** Options {@code farm relevel} and {@code farm analyze} share: where the farm is and how tracks become sessions. */
public final class CatalogueOptions {

    /** How tracks are grouped into albums. */
    public enum AlbumBy { none, folder, album }

    @Mixin
    ApiOptions api;

    @Mixin
    S3Options s3Options;

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
        return s3Options.client();
    }

    Pages.Grouping grouping() {
        return switch (albumBy) {
            case none -> Pages.Grouping.NONE;
            case folder -> Pages.Grouping.FOLDER;
            case album -> Pages.Grouping.ALBUM;
        };
    }
}
