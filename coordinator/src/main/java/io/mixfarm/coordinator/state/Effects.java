package io.mixfarm.coordinator.state;

import io.mixfarm.contract.Phase;
import io.mixfarm.contract.Topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a state transition asks the actor to do besides changing memory: records to publish, a
 * retry to publish later, an album report to write before the session may end.
 */
final class Effects {

    /** Publish attempt {@code attempt} of a song's task after {@code delay}. */
    record RetryLater(String sessionId, String songId, Phase phase, int attempt, Duration delay) {
    }

    /** Write the session's album report, then end it (generation guards against a later retry or cancel). */
    record ReportDue(String sessionId, int generation) {
    }

    final Writes writes;
    final List<RetryLater> retries = new ArrayList<>();
    final List<ReportDue> reports = new ArrayList<>();

    Effects(Topics topics, TaskPartitions partitions) {
        this.writes = new Writes(topics, partitions);
    }

    /** Effects placing tasks by the configured partition counts. */
    Effects(Topics topics) {
        this(topics, TaskPartitions.configured(topics));
    }
}
