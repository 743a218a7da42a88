package io.mixfarm.cli;

import com.typesafe.config.ConfigException;
import io.mixfarm.cli.roles.RoleConfig;
import io.mixfarm.coordinator.Coordinator;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import io.mixfarm.coordinator.settings.SettingsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code farm coordinator}: the container role that runs the farm's one coordinator until SIGTERM,
 * configured from the environment (see the coordinator's reference.conf) or a HOCON file.
 */
@Command(name = "coordinator",
        mixinStandardHelpOptions = true,
        description = "Runs the coordinator (HTTP API, session state) until SIGTERM. Settings come from the "
                + "environment (MIXFARM_KAFKA_BOOTSTRAP_SERVERS, MIXFARM_S3_ENDPOINT, ...; see reference.conf), "
                + "application.conf or --config.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"143:stopped by SIGTERM (after closing the coordinator)", "1:could not start",
                "2:invalid configuration"})
public final class CoordinatorCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "HOCON file with mixfarm.coordinator settings, used instead of application.conf.")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        CoordinatorSettings settings;
        try {
            settings = CoordinatorSettings.fromConfig(RoleConfig.load(config));
        } catch (SettingsException | ConfigException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        Coordinator coordinator;
        try {
            coordinator = Coordinator.start(settings);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("coordinator did not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            coordinator.close();
            stopped.countDown();
        }, "mixfarm-coordinator-shutdown"));
        spec.commandLine().getOut().println("Mixfarm coordinator listening on " + coordinator.url());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
