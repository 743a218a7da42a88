package io.mixfarm.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * JDK 25's ahead-of-time cache (JEP 483, 514, 515) for the farm's JVMs: a training run of a
 * component writes, at its exit, the classes it loaded and linked and the method profiles it
 * gathered ({@code -XX:AOTCacheOutput}); a later JVM of the same component on the same jar and
 * JDK starts from them ({@code -XX:AOTCache}), so it spends far less of its first minutes loading
 * classes, interpreting and compiling. One cache per component: the coordinator and the workers
 * run different code.
 */
record AotCache(Path dir) {

    /** The first JDK whose JVM takes {@code -XX:AOTCacheOutput} (one-step training, JEP 514). */
    static final int FIRST_FEATURE_RELEASE = 25;

    /** Whether this JVM (the one the children run on) can make and use the cache. */
    static boolean supported() {
        return Runtime.version().feature() >= FIRST_FEATURE_RELEASE;
    }

    /** The options of a training JVM of {@code component}: write its cache at exit. */
    List<String> training(String component) {
        return List.of("-XX:AOTCacheOutput=" + file(component));
    }

    /** The options of a JVM of {@code component} that starts from the cache its training wrote. */
    List<String> use(String component) {
        return List.of("-XX:AOTCache=" + file(component));
    }

    /** Whether the training wrote a cache for every one of {@code components}. */
    boolean written(String... components) {
        for (String c : components) {
            if (!Files.isRegularFile(file(c))) {
                return false;
            }
        }
        return true;
    }

    private Path file(String component) {
        return dir.resolve(component + ".aot");
    }
}
