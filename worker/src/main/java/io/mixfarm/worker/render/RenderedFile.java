package io.mixfarm.worker.render;

import io.mixfarm.contract.S3Uri;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file the renderer made, to upload: on disk (deliverables, streamed as they are encoded) or,
 * for the small ones (report, plot), only in memory, so that a song of a second does not create,
 * read back and delete a file for each.
 *
 * @param name        what it is, as {@link io.mixfarm.contract.Output#name()} reports it
 * @param file        the local file; null when the content is in memory
 * @param content     the bytes when in memory; null when on disk
 * @param target      its deterministic key ({@link io.mixfarm.contract.OutputKeys})
 * @param contentType MIME type for the object
 */
public record RenderedFile(String name, Path file, byte[] content, S3Uri target, String contentType) {

    public RenderedFile {
        if ((file == null) == (content == null)) {
            throw new IllegalArgumentException(name + ": a rendered file is on disk or in memory, not "
                    + (file == null ? "neither" : "both"));
        }
    }

    /** A rendered file on disk. */
    public RenderedFile(String name, Path file, S3Uri target, String contentType) {
        this(name, file, null, target, contentType);
    }

    /** A rendered file held in memory. */
    public static RenderedFile inMemory(String name, byte[] content, S3Uri target, String contentType) {
        return new RenderedFile(name, null, content, target, contentType);
    }

    /** Its bytes, read from disk when it is there. */
    public byte[] bytes() throws IOException {
        return content != null ? content : Files.readAllBytes(file);
    }
}
