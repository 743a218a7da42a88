package io.mixfarm.coordinator;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mixfarm.contract.SessionRecord;
import io.mixfarm.contract.Topics;
import io.mixfarm.coordinator.api.Health;
import io.mixfarm.coordinator.api.HttpApi;
import io.mixfarm.coordinator.api.WorkerLag;
import io.mixfarm.coordinator.metrics.CoordinatorMetrics;
import io.mixfarm.coordinator.metrics.MetricsRoutes;
import io.mixfarm.coordinator.planning.Admission;
import io.mixfarm.coordinator.planning.LocationPolicy;
import io.mixfarm.coordinator.planning.UnchangedSongs;
import io.mixfarm.coordinator.planning.RetryPolicy;
import io.mixfarm.coordinator.probe.StemProber;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import io.mixfarm.coordinator.state.AlbumReportWriter;
import io.mixfarm.coordinator.state.EventFeed;
import io.mixfarm.coordinator.state.FarmCounts;
import io.mixfarm.coordinator.state.Journal;
import io.mixfarm.coordinator.state.KafkaClients;
import io.mixfarm.coordinator.state.SessionsActor;
import io.mixfarm.coordinator.state.StateLoader;
import io.mixfarm.coordinator.state.StoredState;
import io.mixfarm.coordinator.storage.ObjectStore;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running coordinator: topics ensured, earlier coordinators fenced, state rebuilt from the
 * sessions topic, the events feed catching up, the HTTP API bound. {@link #start} returns once
 * the API is bound; {@link #ready()} turns true when the events feed has caught up (the API
 * answers 503 until then). Used by {@link CoordinatorMain}, the standalone mode and tests.
 */
public final class Coordinator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration KAFKA_CHECK_EVERY = Duration.ofSeconds(2);
    private static final Duration FEED_ASK_TIMEOUT = Duration.ofMinutes(2);
    private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    private final CoordinatorSettings settings;
    private final AtomicBoolean ready = new AtomicBoolean();
    private final AtomicBoolean kafkaUp = new AtomicBoolean(true);
    private final AtomicBoolean fenced = new AtomicBoolean();
    private Admin admin;
    private Journal journal;
    private ObjectStore store;
    private StemProber prober;
    /** Reads done markers at admission (its own pool: admission waits on them). */
    private ExecutorService markerChecks;
    private ExecutorService workers;
    private ScheduledExecutorService checks;
    private ActorSystem<SessionsActor.Command> system;
    private EventFeed feed;
    private ServerBinding binding;
    private ServerBinding metricsBinding;
    private CoordinatorMetrics metrics;

    private Coordinator(CoordinatorSettings settings) {
        this.settings = settings;
    }

    /** Starts a coordinator on the system clock. */
    public static Coordinator start(CoordinatorSettings settings) {
        return start(settings, Clock.systemUTC());
    }

    /**
     * Starts a coordinator; blocks until its API is bound (state rebuilt from Kafka first).
     *
     * @throws IllegalStateException when Kafka, S3 settings or the port do not work out
     */
    public static Coordinator start(CoordinatorSettings settings, Clock clock) {
        Coordinator c = new Coordinator(settings);
        try {
            c.startUp(clock);
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.close();
            throw new IllegalStateException("interrupted while starting the coordinator", e);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void startUp(Clock clock) throws InterruptedException {
        CoordinatorSettings.Kafka kafka = settings.kafka();
        admin = Admin.create(KafkaClients.common(kafka));
        if (kafka.createTopics()) {
            KafkaTopics.ensure(admin, kafka.topics(), KAFKA_TIMEOUT);
        }
        journal = new Journal(KafkaClients.common(kafka), kafka.transactionalId(),
                Topics.MAX_SESSION_MESSAGE_BYTES + 1024 * 1024, this::onFatal);
        StoredState stored = StateLoader.load(kafka, KAFKA_TIMEOUT);
        LOG.info("read {} sessions and {} songs from {} ({} records skipped)", stored.sessions().size(),
                stored.songs().size(), kafka.topics().sessions(), stored.skipped());

        store = ObjectStore.create(settings.s3(), settings.probe().parallelism() + 8);
        prober = new StemProber(store, settings.probe(), settings.limits().maxStemBytes());
        workers = Executors.newFixedThreadPool(4, daemon("mixfarm-coordinator-admission-"));
        markerChecks = Executors.newFixedThreadPool(settings.probe().parallelism(), daemon("mixfarm-done-markers-"));
        Admission admission = new Admission(prober, settings.s3().outputBase(), LocationPolicy.of(settings.s3()),
                settings.limits(), Coordinator::sessionSuffix, new UnchangedSongs(store, markerChecks));
        if (settings.s3().stemLocations().isEmpty()) {
            LOG.warn("mixfarm.coordinator.s3.allowed-stem-locations is empty: manifests may name stems in any bucket "
                    + "this coordinator can read");
        }

        RetryPolicy retry = new RetryPolicy(settings.maxAttempts(), settings.retryBaseDelay(), settings.retryMaxDelay());
        SessionsActor.Dependencies deps = new SessionsActor.Dependencies(journal, new AlbumReportWriter(store, workers),
                kafka.topics(), KafkaTopics.taskPartitions(admin, kafka.topics(), KAFKA_TIMEOUT), retry, clock,
                () -> ready.set(true));
        metrics = new CoordinatorMetrics();
        system = ActorSystem.create(Behaviors.supervise(SessionsActor.create(deps, stored, metrics))
                .onFailure(SupervisorStrategy.resume()), "mixfarm-coordinator", akkaConfig());

        checks = Executors.newSingleThreadScheduledExecutor(daemon("mixfarm-coordinator-checks-"));
        checks.scheduleWithFixedDelay(this::checkKafka, 0, KAFKA_CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);

        feed = new EventFeed(kafka, replayFrom(stored), new FeedSink(system));
        feed.start();

        HttpApi api = new HttpApi(system, system, admission, workers, settings, new CoordinatorHealth(), store,
                new WorkerLag(admin, kafka.workerGroupId(), kafka.topics().allRenderTasks()));
        MetricsRoutes metricsRoutes = new MetricsRoutes(metrics, () -> AskPattern.<SessionsActor.Command, FarmCounts>ask(
                system, SessionsActor.GetCounts::new, settings.http().askTimeout(), system.scheduler()));
        binding = await(Http.get(system).newServerAt(settings.http().host(), settings.http().port())
                .bind(metricsRoutes.countingSubmissions(api.routes())),
                "bind the HTTP API on " + settings.http().host() + ":" + settings.http().port());
        metricsBinding = await(Http.get(system).newServerAt(settings.http().host(), settings.metrics().port())
                .bind(metricsRoutes.scrape(settings.metrics().path())),
                "bind the metrics port " + settings.http().host() + ":" + settings.metrics().port());
        LOG.info("coordinator API on {}, metrics on {}", url(), metricsUrl());
    }

    /** Events of running sessions are re-read from shortly before the oldest of them was created. */
    private Optional<Instant> replayFrom(StoredState stored) {
        return stored.sessions().values().stream()
                .filter(r -> !r.state().ended())
                .map(SessionRecord::createdAt)
                .min(Instant::compareTo)
                .map(t -> t.minus(settings.kafka().replayMargin()));
    }

    /** The port the API listens on (the chosen one when configured as 0). */
    public int httpPort() {
        return binding.localAddress().getPort();
    }

    /** {@code http://host:port} of the API. */
    public URI url() {
        InetSocketAddress address = binding.localAddress();
        String host = settings.http().host().equals("0.0.0.0") ? "127.0.0.1" : settings.http().host();
        return URI.create("http://" + host + ":" + address.getPort());
    }

    /** The port Prometheus scrapes (the chosen one when configured as 0). */
    public int metricsPort() {
        return metricsBinding.localAddress().getPort();
    }

    /** {@code http://host:port/metrics} (the configured path). */
    public URI metricsUrl() {
        String host = settings.http().host().equals("0.0.0.0") ? "127.0.0.1" : settings.http().host();
        return URI.create("http://" + host + ":" + metricsPort() + settings.metrics().path());
    }

    /** True once the state is rebuilt and the events feed has caught up, while Kafka answers. */
    public boolean ready() {
        return new CoordinatorHealth().readiness().values().stream().allMatch(Boolean::booleanValue);
    }

    /** Waits until {@link #ready()}; false if it does not happen within {@code timeout}. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    public CoordinatorSettings settings() {
        return settings;
    }

    /** Stops the API, the events feed and the journal (what is committed stays), then the actor system. */
    @Override
    public void close() {
        ready.set(false);
        if (binding != null) {
            awaitQuietly(binding.terminate(Duration.ofSeconds(5)));
        }
        if (metricsBinding != null) {
            awaitQuietly(metricsBinding.terminate(Duration.ofSeconds(5)));
        }
        if (feed != null) {
            feed.close();
        }
        if (journal != null) {
            journal.close();
        }
        if (system != null) {
            system.terminate();
            awaitQuietly(system.getWhenTerminated());
        }
        if (checks != null) {
            checks.shutdownNow();
        }
        if (workers != null) {
            workers.shutdownNow();
        }
        if (markerChecks != null) {
            markerChecks.shutdownNow();
        }
        if (prober != null) {
            prober.close();
        }
        if (store != null) {
            store.close();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
        if (metrics != null) {
            metrics.close();
        }
    }

    private void onFatal(Throwable error) {
        fenced.set(true);
        ready.set(false);
        LOG.error("this coordinator can no longer store state (another coordinator took over?); restart it", error);
    }

    private void checkKafka() {
        try {
            admin.describeCluster().nodes().get(KAFKA_CHECK_EVERY.toMillis() * 2, TimeUnit.MILLISECONDS);
            kafkaUp.set(true);
        } catch (Exception e) {
            if (kafkaUp.getAndSet(false)) {
                LOG.warn("Kafka is not answering: {}", e.toString());
            }
        }
    }

    private Config akkaConfig() {
        Map<String, Object> akka = new LinkedHashMap<>();
        akka.put("akka.loggers", List.of("akka.event.slf4j.Slf4jLogger"));
        akka.put("akka.logging-filter", "akka.event.slf4j.Slf4jLoggingFilter");
        akka.put("akka.http.server.parsing.max-content-length", settings.http().maxManifestBytes());
        // Admission probes every stem before answering: allow it more than the default 20 s.
        akka.put("akka.http.server.request-timeout", "120 s");
        return ConfigFactory.parseMap(akka).withFallback(ConfigFactory.load());
    }

    private static String sessionSuffix() {
        SecureRandom random = new SecureRandom();
        StringBuilder s = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            s.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return s.toString();
    }

    private static <T> T await(CompletionStage<T> stage, String what) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    private static void awaitQuietly(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("while stopping: {}", e.toString());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Hands the feed's events to the actor and waits for them to be applied. */
    private static final class FeedSink implements EventFeed.Sink {
        private final ActorSystem<SessionsActor.Command> system;

        FeedSink(ActorSystem<SessionsActor.Command> system) {
            this.system = system;
        }

        @Override
        public CompletionStage<?> apply(List<io.mixfarm.contract.TaskEvent> events) {
            return AskPattern.<SessionsActor.Command, akka.Done>ask(system,
                    replyTo -> new SessionsActor.ApplyEvents(events, replyTo), FEED_ASK_TIMEOUT, system.scheduler());
        }

        @Override
        public void caughtUp() {
            system.tell(new SessionsActor.CaughtUp());
        }
    }

    private final class CoordinatorHealth implements Health {
        @Override
        public boolean live() {
            return !fenced.get();
        }

        @Override
        public Map<String, Boolean> readiness() {
            Map<String, Boolean> checks = new LinkedHashMap<>();
            checks.put("kafka", kafkaUp.get());
            checks.put("state", ready.get());
            checks.put("journal", journal != null && journal.healthy());
            checks.put("events", feed != null && feed.alive());
            return checks;
        }
    }
}
