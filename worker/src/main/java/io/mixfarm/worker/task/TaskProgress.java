package io.mixfarm.worker.task;

import io.mixfarm.contract.Progress;
import io.mixfarm.worker.render.RenderProgress;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * The progress of one attempt, passed on to its actor once the attempt has run for one interval:
 * then every new stage at once and otherwise at most once per interval. A render shorter than
 * one interval sends no progress at all — its STARTED and COMPLETED events say enough, and a
 * farm of one-second songs would otherwise send five progress events per song. It is also the
 * attempt's cancel switch: once {@link #cancel() cancelled}, the next report throws, so an
 * abandoned render stops within a block.
 */
final class TaskProgress implements RenderProgress {

    private final Clock clock;
    private final long intervalMillis;
    private final Consumer<Progress> sink;
    private final long startedMillis;
    private volatile boolean cancelled;
    private Progress.Stage lastStage;
    private long lastSent;

    TaskProgress(Clock clock, Duration interval, Consumer<Progress> sink) {
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
        this.sink = sink;
        this.startedMillis = clock.millis();
    }

    @Override
    public void report(Progress.Stage stage, double fraction) {
        if (cancelled) {
            throw new CancellationException("the task was abandoned");
        }
        long now = clock.millis();
        if (now - startedMillis >= intervalMillis && (stage != lastStage || now - lastSent >= intervalMillis)) {
            lastStage = stage;
            lastSent = now;
            sink.accept(new Progress(stage, Math.max(0, Math.min(1, fraction))));
        }
    }

    void cancel() {
        cancelled = true;
    }

    boolean isCancelled() {
        return cancelled;
    }
}
