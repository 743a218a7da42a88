/**
 * The Mixfarm worker: takes render tasks off Kafka, renders them with the engine, writes the
 * outputs to S3 and reports back on Kafka. Start one with {@link io.mixfarm.worker.Worker#start}
 * (standalone mode and tests run several in one JVM) or run {@link io.mixfarm.worker.WorkerMain}.
 *
 * <pre>
 *  Kafka render-tasks ──▶ intake (own thread, KafkaConsumer)          ── pauses all partitions while
 *                           │ hands a task to a free slot                 every slot is busy, keeps polling
 *                           ▼
 *                         RenderSupervisor (N slots) ──▶ RenderTaskActor per task
 *                                                          │ attempts on the blocking dispatcher:
 *                                                          │ fetch (ranged, verified) → mix → master
 *                                                          │ → deliver → upload (deterministic keys)
 *                                                          │ retries by failure type, dead letters
 *                                                          ▼
 *  Kafka task-events / dead-letter ◀── ACCEPTED, STARTED, PROGRESS, COMPLETED | FAILED (acks=all)
 *                           │ final event acknowledged
 *                           ▼
 *                         intake commits the partition up to its lowest unfinished offset
 * </pre>
 *
 * <p>Delivery is at least once: a task is committed only after its outputs are written and its
 * final event is acknowledged; a task whose partition moved to another worker while it ran (a
 * rebalance) is rendered again there, writing byte-identical objects under the same keys.
 * SIGTERM drains: no new tasks, in-flight ones finish within the drain deadline or are abandoned
 * uncommitted, the group is left, the scratch space emptied.
 *
 * <p>Packages: {@code settings} (configuration), {@code intake} (Kafka consumer and offsets),
 * {@code task} (actors, pipeline, scratch), {@code render} (the engine behind the
 * {@link io.mixfarm.worker.render.SongRenderer} seam), {@code storage} (S3), {@code events}
 * (producer, topic creation).
 */
package io.mixfarm.worker;
