package io.mixfarm.worker.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;

/** The registry every worker meter lives in, and the render histograms' buckets. */
final class FarmMeters {

    /** Bucket bounds of the render histograms: 50 ms to 30 min (seconds-to-minutes renders). */
    static final Duration[] RENDER_BUCKETS = {
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(30)};

    private FarmMeters() {
    }

    /**
     * A Prometheus registry tagged {@code application=<application>} with the JVM's memory, GC,
     * threads, class loading, processor and uptime bound; the returned GC binder must be closed
     * with the registry (it listens to GC notifications).
     */
    static Registry create(String application) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("application", application);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return new Registry(registry, gc);
    }

    /** A registry and the binder to close with it. */
    record Registry(PrometheusMeterRegistry prometheus, JvmGcMetrics gc) implements AutoCloseable {
        @Override
        public void close() {
            gc.close();
            prometheus.close();
        }
    }
}
