/**
 * Session state: the {@link io.mixfarm.coordinator.state.SessionsActor} that holds it, the state
 * machine it applies, the {@link io.mixfarm.coordinator.state.Journal} that publishes it in Kafka
 * transactions, the {@link io.mixfarm.coordinator.state.StateLoader} and
 * {@link io.mixfarm.coordinator.state.EventFeed} that bring it back at start, and the views and
 * album report made from it.
 */
package io.mixfarm.coordinator.state;
