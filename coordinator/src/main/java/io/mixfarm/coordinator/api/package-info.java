/**
 * The HTTP API (Akka HTTP Java DSL, JSON bodies written with the contract's Jackson mapper):
 * sessions, cancel, retry, health. Errors are {@code {"error", "problems": [{"path", "message"}]}}
 * with 4xx codes; the bearer-token check is in {@link io.mixfarm.coordinator.api.BearerAuth}.
 */
package io.mixfarm.coordinator.api;
