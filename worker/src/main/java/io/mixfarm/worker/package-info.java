/**
 * The worker: Akka runtime with Kafka intake, render slots and S3 transfers around the engine.
 * Filled by the farm issue; the module exists so the build and the layout are settled.
 */
package io.mixfarm.worker;
