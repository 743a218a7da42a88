package io.mixfarm.cli.roles;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;

import java.nio.file.Path;

/**
 * The configuration a container role runs with: the modules' reference.conf (with their
 * environment overrides), then either {@code application.conf} from the class path or
 * {@code -Dconfig.file}, or the file given with {@code --config}; system properties win over all.
 */
public final class RoleConfig {

    private RoleConfig() {
    }

    /**
     * Loads the configuration.
     *
     * @param file a HOCON file replacing application.conf, or null for Typesafe Config's default lookup
     * @throws ConfigException when the file is missing or not valid HOCON, or a substitution cannot be resolved
     */
    public static Config load(Path file) {
        if (file == null) {
            return ConfigFactory.load();
        }
        Config application = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        return ConfigFactory.load(application);
    }
}
