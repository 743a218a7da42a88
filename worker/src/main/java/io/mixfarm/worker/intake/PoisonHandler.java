package io.mixfarm.worker.intake;

import java.util.concurrent.CompletableFuture;

/** Dead-letters a record that is not a readable render task. */
@FunctionalInterface
public interface PoisonHandler {

    /** Completes when the dead letter is acknowledged; may be called from the intake thread only. */
    CompletableFuture<?> deadLetter(Delivery unreadable, String reason);
}
