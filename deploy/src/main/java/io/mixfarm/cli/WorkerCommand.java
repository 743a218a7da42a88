package io.mixfarm.cli;

import com.typesafe.config.ConfigException;
import io.mixfarm.cli.roles.RoleConfig;
import io.mixfarm.worker.Worker;
import io.mixfarm.worker.settings.WorkerSettings;
import io.mixfarm.worker.settings.WorkerSettingsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code farm worker}: the container role that renders tasks until SIGTERM. SIGTERM runs the
 * worker's coordinated shutdown (Akka's JVM shutdown hook): it stops taking tasks, lets in-flight
 * renders finish within the drain deadline, commits and leaves the consumer group.
 */
@Command(name = "worker",
        mixinStandardHelpOptions = true,
        description = "Runs one render worker until SIGTERM, then drains (MIXFARM_WORKER_DRAIN_DEADLINE). Settings "
                + "come from the environment (MIXFARM_KAFKA_BOOTSTRAP_SERVERS, MIXFARM_S3_ENDPOINT, ...; see reference.conf), "
                + "application.conf or --config.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"143:stopped by SIGTERM (after draining)",
                "1:could not start, or stopped by itself (its intake failed, see the log)", "2:invalid configuration"})
public final class WorkerCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "HOCON file with mixfarm.worker settings, used instead of application.conf.")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        WorkerSettings settings;
        try {
            settings = WorkerSettings.fromConfig(RoleConfig.load(config));
        } catch (WorkerSettingsException | ConfigException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        Worker worker;
        try {
            worker = Worker.start(settings);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("worker " + settings.workerId() + " did not start: " + e.getMessage());
            return 1;
        }
        // Set when the JVM starts shutting down (SIGTERM), as Akka's own hook starts the drain.
        AtomicBoolean signalled = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> signalled.set(true), "mixfarm-worker-signalled"));
        spec.commandLine().getOut().println("Mixfarm worker " + worker.id() + " started");
        spec.commandLine().getOut().flush();
        try {
            worker.whenTerminated().toCompletableFuture().get();
        } catch (ExecutionException e) {
            return 1;
        }
        // Stopped without a signal: the intake failed (e.g. fenced); a non-zero exit gets it restarted.
        return signalled.get() ? 0 : 1;
    }
}
