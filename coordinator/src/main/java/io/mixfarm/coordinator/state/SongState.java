package io.mixfarm.coordinator.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.contract.Progress;
import io.mixfarm.contract.SongAnalysis;
import io.mixfarm.contract.SongRecord;
import io.mixfarm.manifest.Song;

import java.time.Instant;

/**
 * One song of a session as the state actor holds it: its durable record (what Kafka has, or is
 * about to have) and what the events said since, which is not stored but re-read from the events
 * topic after a restart. Confined to the actor.
 */
final class SongState {

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
    /** The song report of the final phase. */
    JsonNode report;

    SongState(int index, Song song, SongRecord record) {
        this.index = index;
        this.song = song;
        this.record = record;
    }

    String id() {
        return song.id();
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
