package io.mixfarm.worker.task;

import io.mixfarm.worker.intake.Delivery;

/** Told when a task handed to the render slots has ended (the intake, to free the slot and commit). */
@FunctionalInterface
public interface TaskEndListener {

    /** @param commit whether the task's offset may be committed */
    void ended(Delivery delivery, boolean commit);
}
