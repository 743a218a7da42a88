package io.mixfarm.coordinator.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.util.RawValue;
import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.Progress;
import io.mixfarm.contract.SongAnalysis;
import io.mixfarm.contract.SongRecord;
import io.mixfarm.manifest.Song;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One song of a session as the state actor holds it: its durable record (what Kafka has, or is
 * about to have) and what the events said since, which is not stored but re-read from the events
 * topic after a restart. Confined to the actor.
 */
final class SongState {

    /** Song reports larger than this (compact JSON) are not held: minutes of short-term loudness are ~15 kB. */
    static final int MAX_HELD_REPORT_BYTES = 64 * 1024;
    private static final byte[] TOO_LARGE = new byte[0];

    final int index;
    final Song song;
    SongRecord record;

    String workerId;
    Instant acceptedAt;
    Instant startedAt;
    Instant endedAt;
    Progress progress;
    /** The last failure of a retriable attempt, while the next one waits. */
    String lastFailure;
    boolean retryScheduled;
    /** ANALYZE measurements (album mode). */
    SongAnalysis analysis;
    /** Measurements of the final render, when the worker sends them. */
    SongAnalysis outputAnalysis;
    /**
     * The song report of the final phase as compact JSON, while held: a tree takes several times
     * the memory, and a session holds one per song. Null when not held.
     */
    private byte[] report;
    /** The song's length from its report; 0 when the report does not say. */
    double durationSeconds;

    SongState(int index, Song song, SongRecord record) {
        this.index = index;
        this.song = song;
        this.record = record;
    }

    String id() {
        return song.id();
    }

    /** True when the song report is held (or was too large to hold; storage has it). */
    boolean hasReport() {
        return report != null;
    }

    /**
     * Keeps the song report, compact; one larger than {@link #MAX_HELD_REPORT_BYTES} is left to
     * storage (the album report reads it back from there).
     */
    void keepReport(JsonNode tree) {
        JsonNode d = tree == null ? null : tree.path("durationSeconds");
        durationSeconds = d != null && d.isNumber() && d.asDouble() > 0 ? d.asDouble() : 0;
        if (tree == null) {
            report = null;
            return;
        }
        byte[] bytes;
        try {
            bytes = ContractJson.mapper().writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            bytes = null;
        }
        report = bytes == null || bytes.length > MAX_HELD_REPORT_BYTES ? TOO_LARGE : bytes;
    }

    /**
     * The song report as a node that writes the held JSON as it is (for the API and the album
     * report, which only write it); null when not held.
     */
    JsonNode reportNode() {
        return report == null || report == TOO_LARGE ? null
                : JsonNodeFactory.instance.rawValueNode(new RawValue(new String(report, StandardCharsets.UTF_8)));
    }

    /** Forgets what the last task's events said, when a new task is published. */
    void clearRun() {
        workerId = null;
        acceptedAt = null;
        startedAt = null;
        endedAt = null;
        progress = null;
        retryScheduled = false;
    }
}
