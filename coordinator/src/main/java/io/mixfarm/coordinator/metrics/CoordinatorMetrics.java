package io.mixfarm.coordinator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mixfarm.contract.Priority;
import io.mixfarm.coordinator.state.FarmCounts;
import io.mixfarm.coordinator.state.SessionStatus;
import io.mixfarm.coordinator.state.StateMetrics;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The coordinator's meters (Micrometer, scraped as Prometheus text), tagged
 * {@code application=coordinator}: sessions submitted and rejected (by reason), songs completed,
 * failed and dead-lettered, the gauges of sessions by state and songs pending by priority (set
 * from the state actor's counts before each scrape), and the JVM's own. No session or song ids.
 */
public final class CoordinatorMetrics implements StateMetrics, AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Counter submitted;
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Counter songsCompleted;
    private final Counter songsFailed;
    private final Counter songsDeadLettered;
    private final Map<SessionStatus, AtomicLong> sessions = new EnumMap<>(SessionStatus.class);
    private final Map<Priority, AtomicLong> songsPending = new EnumMap<>(Priority.class);

    public CoordinatorMetrics() {
        registry.config().commonTags("application", "coordinator");
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        submitted = Counter.builder("mixfarm.sessions.submitted").description("Sessions accepted by the API")
                .register(registry);
        songsCompleted = Counter.builder("mixfarm.songs.completed").description("Songs whose final phase completed")
                .register(registry);
        songsFailed = Counter.builder("mixfarm.songs.failed").description("Songs that failed (dead-lettered included)")
                .register(registry);
        songsDeadLettered = Counter.builder("mixfarm.songs.dead.lettered")
                .description("Songs that failed with their task in the dead-letter topic").register(registry);
        // the usual refusals start at zero, so alert expressions find their series before the first one
        for (String reason : MetricsRoutes.REASONS) {
            sessionRejectedCounter(reason);
        }
        for (SessionStatus status : SessionStatus.values()) {
            AtomicLong value = new AtomicLong();
            sessions.put(status, value);
            Gauge.builder("mixfarm.sessions", value, AtomicLong::get).description("Sessions held, by state")
                    .tag("state", lower(status)).register(registry);
        }
        for (Priority priority : Priority.values()) {
            AtomicLong value = new AtomicLong();
            songsPending.put(priority, value);
            Gauge.builder("mixfarm.songs.pending", value, AtomicLong::get)
                    .description("Songs of running sessions not ended yet, by the session's priority")
                    .tag("priority", lower(priority)).register(registry);
        }
    }

    /** A session was accepted (202). */
    public void sessionSubmitted() {
        submitted.increment();
    }

    /** A submission was refused; {@code reason} is a short lower-case word (invalid, unreadable, ...). */
    public void sessionRejected(String reason) {
        sessionRejectedCounter(reason).increment();
    }

    private Counter sessionRejectedCounter(String reason) {
        return rejected.computeIfAbsent(reason, r -> Counter.builder("mixfarm.sessions.rejected")
                .description("Submissions refused, by reason").tag("reason", r).register(registry));
    }

    @Override
    public void songCompleted() {
        songsCompleted.increment();
    }

    @Override
    public void songFailed(boolean deadLettered) {
        songsFailed.increment();
        if (deadLettered) {
            songsDeadLettered.increment();
        }
    }

    /** Sets the gauges from the state actor's latest counts. */
    public void update(FarmCounts counts) {
        sessions.forEach((status, value) -> value.set(counts.sessions().getOrDefault(status, 0L)));
        songsPending.forEach((priority, value) -> value.set(counts.songsPending().getOrDefault(priority, 0L)));
    }

    /** The Prometheus text of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
