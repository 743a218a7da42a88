package io.mixfarm.worker;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One {@link Farm} (broker and S3 endpoint) for every test class of the run, started by the first
 * class that needs it and closed when the run ends. Classes keep apart by topic prefix and session.
 * Use as {@code @RegisterExtension static final SharedFarm FARM = new SharedFarm();}.
 */
final class SharedFarm implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedFarm.class);

    private Farm farm;

    @Override
    public void beforeAll(ExtensionContext context) {
        farm = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Resource.class, k -> new Resource(), Resource.class).farm;
    }

    Farm get() {
        return farm;
    }

    /** The farm and its directory, closed and deleted by JUnit at the end of the run. */
    private static final class Resource implements ExtensionContext.Store.CloseableResource {
        final Path dir;
        final Farm farm;

        Resource() {
            try {
                dir = Files.createTempDirectory("mixfarm-worker-test-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            farm = new Farm(dir);
        }

        @Override
        public void close() throws IOException {
            farm.close();
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
