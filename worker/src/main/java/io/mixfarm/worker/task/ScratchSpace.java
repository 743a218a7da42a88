package io.mixfarm.worker.task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A worker's local scratch space: one fresh directory per task attempt, deleted when the attempt
 * ends whatever the outcome. The whole space is emptied when the worker starts (what a killed
 * worker of the same id left behind) and when it stops.
 */
public final class ScratchSpace {

    private final Path root;
    private final AtomicLong counter = new AtomicLong();

    public ScratchSpace(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Creates the root if needed and deletes everything in it. */
    public void purge() {
        try {
            Files.createDirectories(root);
            try (Stream<Path> children = Files.list(root)) {
                for (Path child : children.toList()) {
                    deleteRecursively(child);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean scratch space " + root, e);
        }
    }

    /** Whether nothing is left in the space. */
    public boolean isEmpty() {
        try (Stream<Path> children = Files.list(root)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new directory for one attempt at a task, with {@code stems/} and {@code work/} inside. */
    public TaskScratch create(String taskId) throws IOException {
        String name = taskId.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + counter.incrementAndGet();
        Path dir = Files.createDirectories(root.resolve(name));
        return new TaskScratch(dir, Files.createDirectory(dir.resolve("stems")), Files.createDirectory(dir.resolve("work")));
    }

    /**
     * Deletes {@code path} and everything under it; links are deleted, never followed. Children
     * first, each directory listed once (a walk sorted in reverse would stat every entry again).
     */
    static void deleteRecursively(Path path) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            return;
        }
        if (attributes.isDirectory()) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
                for (Path child : children) {
                    deleteRecursively(child);
                }
            }
        }
        Files.deleteIfExists(path);
    }

    /** One attempt's directory; closing deletes it. */
    public record TaskScratch(Path dir, Path stems, Path work) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            deleteRecursively(dir);
        }
    }
}
