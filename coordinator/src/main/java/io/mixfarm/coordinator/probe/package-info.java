/**
 * Stem probes at admission: HEAD for size and checksum, then the header read by ranged GETs and
 * opened with the engine's readers over a channel that reports the object's true size.
 */
package io.mixfarm.coordinator.probe;
