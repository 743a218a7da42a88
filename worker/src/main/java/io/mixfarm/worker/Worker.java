package io.mixfarm.worker;

import akka.Done;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.javadsl.AskPattern;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mixfarm.contract.ContractMessage;
import io.mixfarm.contract.DeadLetter;
import io.mixfarm.contract.Failure;
import io.mixfarm.worker.events.EventPublisher;
import io.mixfarm.worker.events.TopicSetup;
import io.mixfarm.worker.intake.Delivery;
import io.mixfarm.worker.intake.Intake;
import io.mixfarm.worker.intake.LagProbe;
import io.mixfarm.worker.metrics.MetricsServer;
import io.mixfarm.worker.metrics.WorkerMetrics;
import io.mixfarm.worker.render.SongRenderer;
import io.mixfarm.worker.settings.WorkerSettings;
import io.mixfarm.worker.storage.ObjectStore;
import io.mixfarm.worker.storage.StemCache;
import io.mixfarm.worker.task.RenderPipeline;
import io.mixfarm.worker.task.RenderSupervisor;
import io.mixfarm.worker.task.ScratchSpace;
import io.mixfarm.worker.task.TaskServices;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running worker: an intake thread on Kafka, an actor system with the render slots, an S3
 * store and an event producer. Several can run in one JVM (tests, standalone mode); each has
 * its own actor system, consumer and scratch directory.
 *
 * <p>Stopping (SIGTERM through the JVM shutdown hook, or {@link #stop()}) runs Akka's
 * CoordinatedShutdown: stop taking tasks (all partitions paused), let in-flight renders finish
 * within the drain deadline and abandon the rest uncommitted, commit what finished, leave the
 * consumer group, close the clients and empty the scratch space and the stem cache.
 */
public final class Worker {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    /** The dispatcher the pipelines run on (configured in reference.conf). */
    public static final String BLOCKING_DISPATCHER = WorkerSettings.PATH + ".blocking-dispatcher";

    private final WorkerSettings settings;
    private final ActorSystem<RenderSupervisor.Command> system;
    private final Intake intake;
    private final ScratchSpace scratch;
    private final StemCache cache;
    private final WorkerMetrics metrics;
    private final MetricsServer metricsServer;
    private final LagProbe lag;

    private Worker(WorkerSettings settings, ActorSystem<RenderSupervisor.Command> system, Intake intake,
                   ScratchSpace scratch, StemCache cache, WorkerMetrics metrics, MetricsServer metricsServer,
                   LagProbe lag) {
        this.settings = settings;
        this.system = system;
        this.intake = intake;
        this.scratch = scratch;
        this.cache = cache;
        this.metrics = metrics;
        this.metricsServer = metricsServer;
        this.lag = lag;
    }

    /** Starts a worker that renders with the engine. */
    public static Worker start(WorkerSettings settings) {
        return start(settings, new io.mixfarm.worker.render.EngineSongRenderer(settings.renderThreads()), Clock.systemUTC());
    }

    /**
     * Starts a worker with the given renderer and clock (event times, progress throttling).
     * Returns once the intake is polling; partitions arrive with the group's next rebalance.
     */
    public static Worker start(WorkerSettings settings, SongRenderer renderer, Clock clock) {
        log.info("starting worker {}: {} slots, {}, {}", settings.workerId(), settings.slots(), settings.kafka(),
                settings.s3());
        if (settings.kafka().createTopics()) {
            TopicSetup.ensure(settings.kafka().bootstrapServers(), settings.kafka().clientProperties(),
                    settings.kafka().topics());
        }
        ScratchSpace scratch = new ScratchSpace(settings.workerScratchDir());
        scratch.purge();
        WorkerMetrics metrics = new WorkerMetrics(settings.slots());
        StemCache cache = new StemCache(settings.stemCacheDir(), settings.stemCacheMaxBytes(), metrics);
        try {
            cache.purge(); // a killed worker's entries were never indexed by this process
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
        ObjectStore store = ObjectStore.create(settings.s3(), settings.slots(), metrics);
        EventPublisher events;
        try {
            events = EventPublisher.create(settings.kafka(), settings.workerId());
        } catch (RuntimeException e) {
            store.close();
            metrics.close();
            throw e;
        }
        try {
            return assemble(settings, renderer, clock, scratch, cache, store, events, metrics);
        } catch (RuntimeException e) {
            events.close();
            store.close();
            metrics.close();
            throw e;
        }
    }

    private static Worker assemble(WorkerSettings settings, SongRenderer renderer, Clock clock, ScratchSpace scratch,
                                   StemCache cache, ObjectStore store, EventPublisher events, WorkerMetrics metrics) {
        RenderPipeline pipeline = new RenderPipeline(store, renderer, scratch, cache, metrics,
                java.time.Clock.systemUTC());
        AtomicReference<Intake> intakeRef = new AtomicReference<>();
        AtomicReference<Executor> blocking = new AtomicReference<>();
        Executor lateBlocking = command -> blocking.get().execute(command);
        TaskServices services = new TaskServices(settings.workerId(), pipeline, events, lateBlocking, clock,
                settings.maxAttempts(), settings.retryBackoff(), settings.progressInterval(), metrics);
        ActorSystem<RenderSupervisor.Command> system = ActorSystem.create(
                RenderSupervisor.create(services, (delivery, commit) -> intakeRef.get().taskEnded(delivery, commit)),
                "mixfarm-worker", systemConfig(settings));
        blocking.set(system.dispatchers().lookup(DispatcherSelector.fromConfig(BLOCKING_DISPATCHER)));
        Intake intake;
        try {
            intake = new Intake(settings.kafka(), settings.workerId(), settings.slots(),
                    delivery -> system.tell(new RenderSupervisor.Assign(delivery)),
                    (unreadable, reason) -> events.publish(poisonLetter(settings, unreadable, reason, clock))
                            .thenApply(acked -> {
                                metrics.deadLettered();
                                return acked;
                            }));
        } catch (RuntimeException e) {
            system.terminate();
            throw e;
        }
        intakeRef.set(intake);
        LagProbe lag = new LagProbe(settings.kafka(), settings.workerId(), intake::assignment, intake::positions,
                metrics::lag);
        MetricsServer server;
        try {
            server = MetricsServer.start(settings.metrics().port(), settings.metrics().path(), metrics::scrape,
                    () -> !system.whenTerminated().isCompleted(), () -> intake.taking() && lag.connected());
        } catch (RuntimeException e) {
            lag.close();
            intake.close();
            system.terminate();
            throw e;
        }
        Worker worker = new Worker(settings, system, intake, scratch, cache, metrics, server, lag);
        log.info("worker {}: metrics on http://localhost:{}{}", settings.workerId(), server.port(),
                settings.metrics().path());
        worker.registerShutdown(pipeline, events, store);
        intake.stopped().whenComplete((ok, error) -> {
            if (error != null) {
                CoordinatedShutdown.get(system).runAll(IntakeFailed.INSTANCE);
            }
        });
        intake.start();
        return worker;
    }

    /** This worker's id (its static group membership and the workerId of its events). */
    public String id() {
        return settings.workerId();
    }

    public WorkerSettings settings() {
        return settings;
    }

    /** The partitions of the render-tasks topic this worker holds now. */
    public Set<TopicPartition> assignment() {
        return intake.assignment();
    }

    /** How many times a rebalance took partitions away from this worker. */
    public int revocations() {
        return intake.revocations();
    }

    /** The port of /metrics and the health probes (the chosen one when configured as 0). */
    public int metricsPort() {
        return metricsServer.port();
    }

    /** This worker's meters. */
    public WorkerMetrics metrics() {
        return metrics;
    }

    /** The worker's scratch space (empty whenever no task runs). */
    public ScratchSpace scratch() {
        return scratch;
    }

    /** The worker's stem cache (emptied when it stops). */
    public StemCache stemCache() {
        return cache;
    }

    /** Drains and stops the worker (as SIGTERM does); completes when everything is closed. */
    public CompletionStage<Done> stop() {
        return CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.unknownReason());
    }

    /** Completes when the worker has stopped, for whatever reason. */
    public CompletionStage<Done> whenTerminated() {
        return system.getWhenTerminated();
    }

    private void registerShutdown(RenderPipeline pipeline, EventPublisher events, ObjectStore store) {
        CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
        Duration drain = settings.drainDeadline();
        shutdown.addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "stop-taking-tasks",
                () -> intake.stopTaking().thenApply(ignored -> Done.getInstance()));
        shutdown.addTask(CoordinatedShutdown.PhaseServiceRequestsDone(), "drain-render-slots",
                () -> AskPattern.<RenderSupervisor.Command, RenderSupervisor.Drained>ask(system,
                                replyTo -> new RenderSupervisor.Drain(drain, replyTo), drain.plusSeconds(10),
                                system.scheduler())
                        .thenApply(drained -> {
                            log.info("{} drained: {} finished, {} abandoned for redelivery", id(),
                                    drained.finished(), drained.abandoned());
                            return Done.getInstance();
                        }));
        shutdown.addTask(CoordinatedShutdown.PhaseServiceStop(), "commit-and-leave-group",
                () -> intake.close().handle((ok, error) -> Done.getInstance()));
        shutdown.addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "release-resources",
                () -> CompletableFuture.supplyAsync(() -> {
                    release(pipeline, events, store);
                    return Done.getInstance();
                }));
    }

    private void release(RenderPipeline pipeline, EventPublisher events, ObjectStore store) {
        try {
            if (!pipeline.awaitIdle(Duration.ofSeconds(10))) {
                log.warn("{}: abandoned renders still running at shutdown", id());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.close();
        store.close();
        scratch.purge();
        cache.purge();
        lag.close();
        metricsServer.close();
        metrics.close();
        log.info("worker {} stopped", id());
    }

    private static DeadLetter poisonLetter(WorkerSettings settings, Delivery unreadable, String reason, Clock clock) {
        return new DeadLetter(ContractMessage.SCHEMA_VERSION, unreadable.key(), null, null, null, 0,
                settings.workerId(), clock.instant(), Failure.ReasonClass.POISON,
                "not a render task: " + reason,
                unreadable.payload() == null ? "" : new String(unreadable.payload(), StandardCharsets.UTF_8));
    }

    /**
     * The actor system's configuration: the application's, with the blocking pool sized to the
     * slots and the shutdown phases long enough for the drain deadline.
     */
    private static Config systemConfig(WorkerSettings settings) {
        long drainSeconds = settings.drainDeadline().toSeconds();
        Map<String, Object> overrides = Map.of(
                BLOCKING_DISPATCHER + ".thread-pool-executor.fixed-pool-size", settings.slots() + 1,
                "akka.coordinated-shutdown.phases.service-requests-done.timeout", (drainSeconds + 20) + "s",
                "akka.coordinated-shutdown.phases.service-stop.timeout", "30s",
                "akka.coordinated-shutdown.phases.before-actor-system-terminate.timeout", "30s",
                "akka.loggers", java.util.List.of("akka.event.slf4j.Slf4jLogger"),
                "akka.logging-filter", "akka.event.slf4j.Slf4jLoggingFilter",
                "akka.actor.provider", "local");
        return ConfigFactory.parseMap(overrides).withFallback(ConfigFactory.load());
    }

    /** The reason a worker stops when its intake failed (e.g. fenced by another instance of its id). */
    private static final class IntakeFailed implements CoordinatedShutdown.Reason {
        static final IntakeFailed INSTANCE = new IntakeFailed();
    }
}
