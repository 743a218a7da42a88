package io.mixfarm.ops;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigResolver;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The repository's files as the deployment assets see them, and the application's own settings. */
final class Repo {

    /**
     * Settings the metrics contract (METRICS_CONTRACT.md) defines whose reference.conf entries
     * come with the metrics work: the metrics port and the log format.
     */
    static final Set<String> CONTRACT_ENV = Set.of("MIXFARM_METRICS_PORT", "MIXFARM_LOG_FORMAT", "MIXFARM_LOG_LEVEL");
    /** The contract's metrics port, used only while a module's reference.conf has no metrics block yet. */
    static final int CONTRACT_METRICS_PORT = 9404;

    private static final Pattern ENV_OVERRIDE = Pattern.compile("\\$\\{\\?([A-Za-z0-9_]+)}");

    private Repo() {
    }

    /** The repository root (surefire runs in the deploy module's directory). */
    static Path root() {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertTrue(Files.isRegularFile(root.resolve("pom.xml")) && Files.isDirectory(root.resolve("helm")),
                "not the repository root: " + root);
        return root;
    }

    static String read(String relative) {
        try {
            return Files.readString(root().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path coordinatorReference() {
        return root().resolve("coordinator/src/main/resources/reference.conf");
    }

    static Path workerReference() {
        return root().resolve("worker/src/main/resources/reference.conf");
    }

    /** The environment variables a reference.conf reads ({@code ${?NAME}} overrides). */
    static Set<String> envNames(Path referenceConf) {
        return envNamesIn(read(root().relativize(referenceConf).toString()));
    }

    static Set<String> envNamesIn(String hocon) {
        Set<String> names = new TreeSet<>();
        Matcher m = ENV_OVERRIDE.matcher(hocon);
        while (m.find()) {
            names.add(m.group(1));
        }
        Matcher required = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+)}").matcher(hocon);
        while (required.find()) {
            names.add(required.group(1));
        }
        return names;
    }

    /**
     * Both modules' settings as a pod would load them: {@code applicationConf} over the
     * reference.conf files, substitutions resolved against {@code env} only (not this JVM's environment).
     */
    static Config load(String applicationConf, Map<String, String> env) {
        Config unresolved = ConfigFactory.parseString(applicationConf)
                .withFallback(ConfigFactory.parseFile(coordinatorReference().toFile()))
                .withFallback(ConfigFactory.parseFile(workerReference().toFile()))
                .withFallback(ConfigFactory.systemProperties());
        ConfigResolver fromEnv = new MapResolver(env);
        return unresolved.resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false).appendResolver(fromEnv));
    }

    /** The metrics port of a module ({@code mixfarm.coordinator} or {@code mixfarm.worker}) in {@code config}. */
    static int metricsPort(Config config, String module) {
        String path = module + ".metrics.port";
        return config.hasPath(path) ? config.getInt(path) : CONTRACT_METRICS_PORT;
    }

    /** Looks substitutions up in a fixed environment. */
    private record MapResolver(Map<String, String> env) implements ConfigResolver {
        @Override
        public ConfigValue lookup(String path) {
            String value = env.get(path);
            return value == null ? null : ConfigValueFactory.fromAnyRef(value, "environment " + path);
        }

        @Override
        public ConfigResolver withFallback(ConfigResolver fallback) {
            return new ConfigResolver() {
                @Override
                public ConfigValue lookup(String path) {
                    ConfigValue own = MapResolver.this.lookup(path);
                    return own != null ? own : fallback.lookup(path);
                }

                @Override
                public ConfigResolver withFallback(ConfigResolver next) {
                    return this;
                }
            };
        }
    }
}
