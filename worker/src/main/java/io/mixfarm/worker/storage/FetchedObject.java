package io.mixfarm.worker.storage;

import io.mixfarm.contract.S3Uri;

import java.nio.file.Path;

/**
 * An object downloaded and verified.
 *
 * @param parts ranged GETs it took (1 for an object no larger than a part)
 */
public record FetchedObject(S3Uri uri, Path file, long bytes, String sha256, int parts) {
}
