package io.mixfarm.contract;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A session's durable state, on the compacted sessions topic under key {@code sessionId}; each
 * of its songs has a {@link SongRecord} under {@code <sessionId>/<songId>} on the same topic.
 * Compaction keeps the latest record per key; tombstones on the session's keys delete it.
 *
 * <p>The coordinator rebuilds on start by reading the sessions topic to its end (every session
 * with its manifest, state and album gain; every song with the task last published and its
 * outcome), then the task-events topic, whose events newer than a song record's
 * {@code updatedAt} move that song on. It writes records when it publishes tasks, computes the
 * album gain, or a song or session ends, so events matter only for sessions still running.
 *
 * @param manifest     the accepted manifest as JSON, stem locations resolved to S3; may be
 *                     megabytes for thousands of songs (see {@link Topics#topicConfigs()})
 * @param outputPrefix where outputs go, {@code s3://bucket/prefix}
 * @param albumMode    true when songs run ANALYZE then MASTER with one album gain
 * @param albumGainDb  the album gain, once computed from every song's ANALYZE blocks
 * @param message      why the session ended when FAILED or CANCELLED; otherwise null
 */
public record SessionRecord(
        int v,
        String sessionId,
        State state,
        Priority priority,
        Instant createdAt,
        Instant updatedAt,
        JsonNode manifest,
        String outputPrefix,
        boolean albumMode,
        Double albumGainDb,
        String message) implements ContractMessage {

    public SessionRecord {
        Checks.version(v, "SessionRecord");
        Checks.text(sessionId, "SessionRecord.sessionId");
        Checks.required(state, "SessionRecord.state");
        priority = priority == null ? Priority.NORMAL : priority;
        Checks.required(createdAt, "SessionRecord.createdAt");
        Checks.required(updatedAt, "SessionRecord.updatedAt");
        Checks.required(manifest, "SessionRecord.manifest");
        S3Uri.parse(Checks.text(outputPrefix, "SessionRecord.outputPrefix"));
    }

    /** The Kafka key, the session id. */
    public String key() {
        return sessionId;
    }

    /** A session's lifecycle. */
    public enum State {
        /** Validated and stored; tasks not all published yet. */
        ACCEPTED,
        /** Tasks are out; songs are rendering. */
        RUNNING,
        /** Every song completed. */
        COMPLETED,
        /** Every song ended and at least one failed. */
        FAILED,
        /** Cancelled by a user. */
        CANCELLED,
        /** A state added by a newer coordinator. */
        @JsonEnumDefaultValue UNKNOWN;

        /** True when the session will not change any more (except by a retry). */
        public boolean ended() {
            return this == COMPLETED || this == FAILED || this == CANCELLED;
        }
    }
}
