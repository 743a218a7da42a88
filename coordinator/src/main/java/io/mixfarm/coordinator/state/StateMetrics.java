package io.mixfarm.coordinator.state;

/** What the state actor tells the coordinator's metrics about songs ending. Called on the actor. */
public interface StateMetrics {

    /** Records nothing. */
    StateMetrics NONE = new StateMetrics() {
    };

    /** A song's final phase completed. */
    default void songCompleted() {
    }

    /** A song failed; {@code deadLettered} when its last task went to the dead-letter topic. */
    default void songFailed(boolean deadLettered) {
    }
}
