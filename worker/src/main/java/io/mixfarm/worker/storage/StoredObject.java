package io.mixfarm.worker.storage;

import io.mixfarm.contract.S3Uri;

/**
 * An object uploaded.
 *
 * @param eTag as S3 returned it; a multipart upload's ends in {@code -<parts>}
 */
public record StoredObject(S3Uri uri, long bytes, String sha256, String eTag) {
}
