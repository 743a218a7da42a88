package io.mixfarm.worker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mixfarm.contract.Failure;
import io.mixfarm.contract.Phase;
import io.mixfarm.contract.Progress;
import io.mixfarm.worker.storage.StemCache;
import io.mixfarm.worker.storage.TransferMeter;
import io.mixfarm.worker.task.TaskMetrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One worker's meters (Micrometer, scraped as Prometheus text): tasks started, completed, failed
 * by reason class and dead-lettered; stage and task durations as histograms; audio seconds
 * rendered; S3 bytes read and written; stem cache hits, misses, evictions and size; render slots busy and total; renders in flight; the
 * task-topic lag per partition; and the JVM's own. Tags never carry session or song ids.
 */
public final class WorkerMetrics implements TaskMetrics, TransferMeter, StemCache.Meter, AutoCloseable {

    private final FarmMeters.Registry registry;
    private final Map<Phase, Counter> started = new EnumMap<>(Phase.class);
    private final Map<Phase, Counter> completed = new EnumMap<>(Phase.class);
    private final Map<Phase, Timer> taskDuration = new EnumMap<>(Phase.class);
    private final Map<Failure.ReasonClass, Counter> failed = new EnumMap<>(Failure.ReasonClass.class);
    private final Map<Progress.Stage, Timer> stages = new EnumMap<>(Progress.Stage.class);
    private final Counter deadLettered;
    private final Counter audio;
    private final Counter s3Read;
    private final Counter s3Written;
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final Counter cacheEvictions;
    private final Counter cacheServed;
    private final AtomicLong cacheSize = new AtomicLong();
    private final AtomicInteger busy = new AtomicInteger();
    private final LongTaskTimer inFlight;
    private final MultiGauge lag;

    /** Meters for a worker with {@code slots} render slots. */
    public WorkerMetrics(int slots) {
        registry = FarmMeters.create("worker");
        PrometheusMeterRegistry r = registry.prometheus();
        for (Phase phase : Phase.values()) {
            String tag = lower(phase);
            started.put(phase, Counter.builder("mixfarm.tasks.started").description("Task attempts started")
                    .tag("phase", tag).register(r));
            completed.put(phase, Counter.builder("mixfarm.tasks.completed")
                    .description("Task attempts that rendered and uploaded everything").tag("phase", tag).register(r));
            taskDuration.put(phase, histogram("mixfarm.task.duration", "Successful attempts, fetch to last upload")
                    .tag("phase", tag).register(r));
        }
        for (Failure.ReasonClass reason : Failure.ReasonClass.values()) {
            failed.put(reason, Counter.builder("mixfarm.tasks.failed")
                    .description("Failed attempts by reason class (retriable: tried again)")
                    .tag("reason", lower(reason)).register(r));
        }
        for (Progress.Stage stage : Progress.Stage.values()) {
            if (stage != Progress.Stage.UNKNOWN) {
                stages.put(stage, histogram("mixfarm.render.stage", "Time of one attempt in a render stage")
                        .tag("stage", lower(stage)).register(r));
            }
        }
        deadLettered = Counter.builder("mixfarm.tasks.dead.lettered")
                .description("Tasks and unreadable records sent to the dead-letter topic").register(r);
        audio = Counter.builder("mixfarm.audio.rendered").baseUnit("seconds")
                .description("Seconds of song audio mixed").register(r);
        s3Read = Counter.builder("mixfarm.s3.read").baseUnit("bytes").description("Bytes downloaded from S3").register(r);
        s3Written = Counter.builder("mixfarm.s3.written").baseUnit("bytes").description("Bytes uploaded to S3")
                .register(r);
        cacheHits = Counter.builder("mixfarm.stem.cache.hits").description("Stems taken from the stem cache")
                .register(r);
        cacheMisses = Counter.builder("mixfarm.stem.cache.misses")
                .description("Stems with a known SHA-256 downloaded because the stem cache did not hold them").register(r);
        cacheEvictions = Counter.builder("mixfarm.stem.cache.evictions")
                .description("Stems evicted from the stem cache to stay within its bound").register(r);
        cacheServed = Counter.builder("mixfarm.stem.cache.served").baseUnit("bytes")
                .description("Bytes of stems taken from the stem cache instead of S3").register(r);
        Gauge.builder("mixfarm.stem.cache.size", cacheSize, AtomicLong::get).baseUnit("bytes")
                .description("Bytes the stem cache holds").register(r);
        Gauge.builder("mixfarm.render.slots.busy", busy, AtomicInteger::get)
                .description("Render slots with a task").register(r);
        Gauge.builder("mixfarm.render.slots", () -> slots)
                .description("Render slots of the worker").register(r);
        // The long task timer lives outside the Prometheus registry, which would expose it as a summary
        // (mixfarm_renders_in_flight_seconds_count/_sum); the farm's names come from these two gauges.
        inFlight = LongTaskTimer.builder("mixfarm.renders.in.flight").register(new SimpleMeterRegistry());
        Gauge.builder("mixfarm.renders.in.flight.active.count", inFlight, LongTaskTimer::activeTasks)
                .description("Renders running now").register(r);
        Gauge.builder("mixfarm.renders.in.flight.duration", inFlight, t -> t.duration(TimeUnit.SECONDS))
                .baseUnit("seconds").description("Seconds the running renders have taken so far, together")
                .register(r);
        lag = MultiGauge.builder("mixfarm.task.consumer.lag")
                .description("Records behind on each assigned render-tasks partition").register(r);
    }

    private static Timer.Builder histogram(String name, String description) {
        return Timer.builder(name).description(description).serviceLevelObjectives(FarmMeters.RENDER_BUCKETS)
                .minimumExpectedValue(FarmMeters.RENDER_BUCKETS[0])
                .maximumExpectedValue(FarmMeters.RENDER_BUCKETS[FarmMeters.RENDER_BUCKETS.length - 1]);
    }

    /** The registry, for the scrape endpoint. */
    public PrometheusMeterRegistry registry() {
        return registry.prometheus();
    }

    @Override
    public void attemptStarted(Phase phase) {
        started.get(phase).increment();
    }

    @Override
    public void attemptCompleted(Phase phase, Duration took) {
        completed.get(phase).increment();
        taskDuration.get(phase).record(took);
    }

    @Override
    public void attemptFailed(Failure.ReasonClass reason) {
        failed.get(reason).increment();
    }

    @Override
    public void deadLettered() {
        deadLettered.increment();
    }

    @Override
    public void stageTimes(Map<Progress.Stage, Duration> times) {
        times.forEach((stage, time) -> {
            Timer timer = stages.get(stage);
            if (timer != null) {
                timer.record(time);
            }
        });
    }

    @Override
    public void audioRendered(double seconds) {
        audio.increment(seconds);
    }

    @Override
    public void slotsBusy(int count) {
        busy.set(count);
    }

    @Override
    public InFlight renderStarted() {
        LongTaskTimer.Sample sample = inFlight.start();
        return sample::stop;
    }

    @Override
    public void read(long bytes) {
        s3Read.increment(bytes);
    }

    @Override
    public void written(long bytes) {
        s3Written.increment(bytes);
    }

    @Override
    public void hit(long bytes) {
        cacheHits.increment();
        cacheServed.increment(bytes);
    }

    @Override
    public void miss(long bytes) {
        cacheMisses.increment();
    }

    @Override
    public void evicted(long bytes) {
        cacheEvictions.increment();
    }

    @Override
    public void size(long bytes) {
        cacheSize.set(bytes);
    }

    /**
     * The intake's latest lag per partition, tagged with its topic (one per priority class) and
     * partition number; partitions no longer assigned disappear.
     */
    public void lag(Map<org.apache.kafka.common.TopicPartition, Long> perPartition) {
        List<MultiGauge.Row<?>> rows = perPartition.entrySet().stream()
                .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("topic", e.getKey().topic(),
                        "partition", String.valueOf(e.getKey().partition())), e.getValue()))
                .toList();
        lag.register(rows, true);
    }

    /** The Prometheus text of every meter. */
    public String scrape() {
        return registry.prometheus().scrape();
    }

    @Override
    public void close() {
        registry.close();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
