package io.mixfarm.worker.intake;

/** Where the intake hands tasks to render; it never hands more than there are free slots. */
@FunctionalInterface
public interface TaskSink {

    /** Takes a task; must not block (the intake's poll loop calls it). */
    void accept(Delivery delivery);
}
