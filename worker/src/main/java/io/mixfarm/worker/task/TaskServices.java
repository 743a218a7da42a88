package io.mixfarm.worker.task;

import io.mixfarm.worker.events.EventPublisher;
import io.mixfarm.worker.settings.RetryBackoff;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * What every task actor of a worker shares.
 *
 * @param blocking         the dedicated dispatcher for the pipeline (DSP, file I/O, S3 waits)
 * @param clock            event timestamps and progress throttling
 * @param maxAttempts      attempts before a retriable failure is dead-lettered
 * @param backoff          wait between attempts, and between tries to publish a final event
 * @param progressInterval least time between two PROGRESS events
 * @param metrics          counts attempts, failures and busy slots
 */
public record TaskServices(
        String workerId,
        RenderPipeline pipeline,
        EventPublisher events,
        Executor blocking,
        Clock clock,
        int maxAttempts,
        RetryBackoff backoff,
        Duration progressInterval,
        TaskMetrics metrics) {
}
