package io.mixfarm.worker.render;

import io.mixfarm.contract.S3Uri;

import java.nio.file.Path;

/**
 * A file the renderer made, to upload.
 *
 * @param name        what it is, as {@link io.mixfarm.contract.Output#name()} reports it
 * @param file        the local file
 * @param target      its deterministic key ({@link io.mixfarm.contract.OutputKeys})
 * @param contentType MIME type for the object
 */
public record RenderedFile(String name, Path file, S3Uri target, String contentType) {
}
