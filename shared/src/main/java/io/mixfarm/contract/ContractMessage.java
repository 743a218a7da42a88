package io.mixfarm.contract;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A message on one of the farm's Kafka topics (or, for {@link DoneMarker}, in S3): JSON with a {@code "type"} discriminator and a
 * schema version {@code "v"}.
 *
 * <p>Compatibility rules (so a rolling upgrade never breaks a running farm): adding a field
 * keeps {@code v}, and readers ignore fields they do not know; removing or re-meaning a field
 * raises {@code v}, and a reader refuses versions newer than {@link #SCHEMA_VERSION}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RenderTask.class, name = "RenderTask"),
        @JsonSubTypes.Type(value = TaskEvent.class, name = "TaskEvent"),
        @JsonSubTypes.Type(value = SessionRecord.class, name = "SessionRecord"),
        @JsonSubTypes.Type(value = SongRecord.class, name = "SongRecord"),
        @JsonSubTypes.Type(value = DeadLetter.class, name = "DeadLetter"),
        @JsonSubTypes.Type(value = DoneMarker.class, name = "DoneMarker")
})
public sealed interface ContractMessage permits RenderTask, TaskEvent, SessionRecord, SongRecord, DeadLetter,
        DoneMarker {

    /** The schema version this code writes, and the newest it reads. */
    int SCHEMA_VERSION = 1;

    /** Schema version of this message. */
    int v();
}
