/**
 * The coordinator: HTTP API, admission (manifest validation and S3 stem probes), planning of
 * sessions into per-song render tasks (album mode in two phases), and session state kept durable
 * in Kafka only. {@link io.mixfarm.coordinator.Coordinator#start} runs one; {@link
 * io.mixfarm.coordinator.CoordinatorMain} runs it from configuration.
 *
 * <h2>State in Kafka, and how a restart gets it back</h2>
 * <ul>
 *   <li><b>Writes.</b> Every state change — a session admitted, an event applied, a retry, a
 *   cancel, the album gain, the end of a session — is published by the journal in one Kafka
 *   transaction: the {@code SessionRecord} (key {@code sessionId}) and {@code SongRecord}s (key
 *   {@code sessionId/songId}) on the compacted sessions topic together with the render tasks it
 *   publishes. A record never names a task that is not on the tasks topic, and a task is never
 *   out without its record. The transactional id makes the coordinator the farm's single writer:
 *   a new instance fences the old one, which then reports itself not live.</li>
 *   <li><b>Rebuild.</b> At start the coordinator fences its predecessor, reads the sessions topic
 *   (read_committed) to its end — every session with its manifest and album gain, every song with
 *   the task last published and its outcome — and then re-reads the task-events topic from
 *   shortly before the oldest running session was created (offsets by timestamp; the coordinator
 *   keeps no consumer offsets). Re-read events restore what records do not hold (ANALYZE
 *   measurements for the album gain, song reports, which worker has what) and apply whatever
 *   happened while no coordinator ran, e.g. a completion published after the old instance
 *   stopped. When the feed has read what the topic held at start, the follow-ups that need every
 *   song's news run (album gain, end of sessions, re-measuring songs whose events expired) and the
 *   coordinator reports ready.</li>
 *   <li><b>Idempotence.</b> An event changes state only if it belongs to the task the song's
 *   record names (same phase, attempt not newer) while the song is QUEUED. Duplicates and events
 *   already reflected in a record change nothing, so a song is recorded COMPLETED once, and
 *   nothing completed is published again after a restart.</li>
 * </ul>
 *
 * <h2>Retries</h2>
 * The coordinator owns the attempt number (it is part of the task id). A FAILED event of class
 * RETRIABLE on attempt {@code n < max-attempts} publishes attempt {@code n + 1} after a backoff;
 * PERMANENT, POISON and DEAD_LETTERED fail the song. A worker that retries transient errors
 * itself and dead-letters after its own attempts reports only the final outcome, which fits the
 * same rule. {@code POST .../retry} publishes one more attempt of each failed song.
 */
package io.mixfarm.coordinator;
