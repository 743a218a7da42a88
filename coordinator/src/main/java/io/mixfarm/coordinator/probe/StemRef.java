package io.mixfarm.coordinator.probe;

import io.mixfarm.contract.S3Uri;

/**
 * A stem to probe.
 *
 * @param path   where the manifest names it, e.g. {@code songs[1].stems[0].uri}
 * @param stemId its id in the song
 */
public record StemRef(String path, String stemId, S3Uri uri) {
}
