package io.mixfarm.ops;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Prometheus names of the metrics contract (METRICS_CONTRACT.md) that dashboards and alerts may use. */
final class MetricsContract {

    /** Farm meters; histograms and timers also have _bucket, _count and _sum series. */
    static final Set<String> FARM = Set.of(
            "mixfarm_tasks_started_total", "mixfarm_tasks_completed_total", "mixfarm_tasks_failed_total",
            "mixfarm_tasks_dead_lettered_total", "mixfarm_render_stage_seconds", "mixfarm_task_duration_seconds",
            "mixfarm_audio_rendered_seconds_total", "mixfarm_s3_read_bytes_total", "mixfarm_s3_written_bytes_total",
            "mixfarm_render_slots_busy", "mixfarm_render_slots", "mixfarm_renders_in_flight_active_count",
            "mixfarm_renders_in_flight_duration_seconds", "mixfarm_task_consumer_lag",
            "mixfarm_sessions", "mixfarm_songs_pending", "mixfarm_sessions_submitted_total",
            "mixfarm_sessions_rejected_total", "mixfarm_songs_completed_total", "mixfarm_songs_failed_total",
            "mixfarm_songs_dead_lettered_total");

    private static final Pattern NAME = Pattern.compile("\\b(mixfarm_[a-z0-9_]+|jvm_[a-z0-9_]+|process_[a-z0-9_]+|up)\\b");

    private MetricsContract() {
    }

    /** The metric names a PromQL expression selects (mixfarm_*, JVM/process binders and up). */
    static Set<String> namesIn(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(promql);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Whether {@code name} is a series the contract promises. */
    static boolean promised(String name) {
        if (name.equals("up") || name.startsWith("jvm_") || name.startsWith("process_")) {
            return true;
        }
        String base = name.replaceFirst("_(bucket|count|sum)$", "");
        return FARM.contains(name) || FARM.contains(base);
    }
}
