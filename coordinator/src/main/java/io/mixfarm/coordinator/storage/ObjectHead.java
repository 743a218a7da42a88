package io.mixfarm.coordinator.storage;

import java.util.Optional;

/**
 * What a HEAD request says about an object.
 *
 * @param size   bytes
 * @param sha256 the object's SHA-256 in lowercase hex, when the store knows it (a full-object
 *               SHA-256 checksum, or {@code x-amz-meta-sha256} as {@code farm submit} writes it)
 */
public record ObjectHead(long size, Optional<String> sha256) {
}
