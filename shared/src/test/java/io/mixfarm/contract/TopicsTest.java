package io.mixfarm.contract;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TopicsTest {

    @Test
    void defaultsAreTwelvePartitionsOneReplica() {
        Topics t = Topics.defaults();
        assertEquals("mixfarm.render-tasks", t.renderTasks());
        assertEquals("mixfarm.task-events", t.taskEvents());
        assertEquals("mixfarm.sessions", t.sessions());
        assertEquals("mixfarm.dead-letter", t.deadLetter());
        assertEquals(12, t.partitionsOf(t.renderTasks()));
        assertEquals(12, t.partitionsOf(t.taskEvents()));
        assertEquals(1, t.partitionsOf(t.sessions()));
        assertEquals(1, t.replicationFactor());
    }

    @Test
    void theSessionsTopicIsCompactedAndTakesLargeManifests() {
        Topics t = Topics.withPrefix("farm-b", 24, (short) 3);
        Map<String, String> sessions = t.topicConfigs().get("farm-b.sessions");
        assertEquals("compact", sessions.get("cleanup.policy"));
        assertEquals(String.valueOf(16 * 1024 * 1024), sessions.get("max.message.bytes"));
        assertEquals(Map.of(), t.topicConfigs().get("farm-b.render-tasks"));
    }

    @Test
    void badSettingsAreRefusedWithTheFieldNamed() {
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> new Topics("tasks/v1", "e", "s", "d", 12, (short) 1));
        assertEquals("topics.renderTasks \"tasks/v1\" is not a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -)",
                name.getMessage());
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class,
                () -> new Topics("t", "t", "s", "d", 12, (short) 1));
        assertEquals("topic names must differ: t, t, s, d", same.getMessage());
        IllegalArgumentException partitions = assertThrows(IllegalArgumentException.class,
                () -> Topics.withPrefix("m", 0, (short) 1));
        assertEquals("topics.partitions is 0; expected 1..10000", partitions.getMessage());
    }
}
