package io.mixfarm.worker.task;

import io.mixfarm.contract.RenderTask;
import org.slf4j.MDC;

import java.util.Map;

/**
 * The task's ids in the log context (SLF4J MDC, log4j2's ThreadContext) of the thread that runs
 * its render, so every line the render writes names its session and song; removed again when the
 * render ends, because the blocking dispatcher's threads serve other tasks next.
 */
public final class TaskLogContext implements AutoCloseable {

    /** The log context keys. */
    public static final String SESSION_ID = "sessionId";
    public static final String SONG_ID = "songId";
    public static final String TASK_ID = "taskId";

    private final Map<String, String> previous;

    private TaskLogContext(Map<String, String> previous) {
        this.previous = previous;
    }

    /** The context entries of {@code task}. */
    public static Map<String, String> of(RenderTask task) {
        return Map.of(SESSION_ID, task.sessionId(), SONG_ID, task.songId(), TASK_ID, task.taskId());
    }

    /** Puts {@code task}'s ids into this thread's log context until {@link #close()}. */
    public static TaskLogContext open(RenderTask task) {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        of(task).forEach(MDC::put);
        return new TaskLogContext(previous);
    }

    /** Restores the context the thread had before. */
    @Override
    public void close() {
        if (previous == null || previous.isEmpty()) {
            MDC.clear();
        } else {
            MDC.setContextMap(previous);
        }
    }
}
