package io.mixfarm.worker.task;

import io.mixfarm.contract.Progress.Stage;
import io.mixfarm.worker.render.RenderProgress;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Times the stages of one attempt from its progress reports, passing every report on. The time
 * up to a report belongs to the stage reported (the work that got it there), so a stage the
 * renderer reports only once, when done (DECODE), is timed too; stages that interleave (MASTER
 * reading while ENCODE writes) share the time between them. Confined to the attempt's thread.
 */
final class StageClock implements RenderProgress {

    private final RenderProgress next;
    private final Map<Stage, Long> nanos = new EnumMap<>(Stage.class);
    private long last;
    private Stage current;
    private double audioSeconds;

    StageClock(RenderProgress next) {
        this.next = next;
        this.last = System.nanoTime();
    }

    @Override
    public void report(Stage stage, double fraction) {
        long now = System.nanoTime();
        nanos.merge(stage, now - last, Long::sum);
        last = now;
        current = stage;
        next.report(stage, fraction);
    }

    /**
     * The renderer returned: the time since its last report (work after its last block, such as
     * an analysis's sums) belongs to the stage it reported last, not to the next one.
     */
    void settle() {
        long now = System.nanoTime();
        if (current != null) {
            nanos.merge(current, now - last, Long::sum);
        }
        last = now;
    }

    @Override
    public void mixed(long frames, int sampleRate) {
        audioSeconds += (double) frames / sampleRate;
        next.mixed(frames, sampleRate);
    }

    /** Time spent per stage reported so far. */
    Map<Stage, Duration> times() {
        Map<Stage, Duration> times = new EnumMap<>(Stage.class);
        nanos.forEach((stage, n) -> times.put(stage, Duration.ofNanos(n)));
        return times;
    }

    /** Seconds of audio mixed so far. */
    double audioSeconds() {
        return audioSeconds;
    }
}
