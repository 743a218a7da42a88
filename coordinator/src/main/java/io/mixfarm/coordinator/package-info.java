/**
 * The coordinator: HTTP API, planning of sessions into per-song render tasks, durable session
 * state in Kafka. Filled by the farm issue; the module exists so the build and the layout are
 * settled from the start.
 */
package io.mixfarm.coordinator;
