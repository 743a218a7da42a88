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
    void eachPriorityClassHasItsOwnTasksTopicAndNormalKeepsThePlainName() {
        Topics t = Topics.withPrefix("farm-b", 24, (short) 3);
        assertEquals("farm-b.render-tasks.urgent", t.renderTasks(Priority.URGENT));
        assertEquals("farm-b.render-tasks", t.renderTasks(Priority.NORMAL));
        assertEquals("farm-b.render-tasks.backfill", t.renderTasks(Priority.BACKFILL));
        assertEquals(java.util.List.of("farm-b.render-tasks.urgent", "farm-b.render-tasks", "farm-b.render-tasks.backfill"),
                t.allRenderTasks());
        for (Priority p : Priority.values()) {
            assertEquals(p, t.priorityOf(t.renderTasks(p)).orElseThrow());
            assertEquals(24, t.partitionsOf(t.renderTasks(p)));
            assertEquals(Map.of(), t.topicConfigs().get(t.renderTasks(p)), "created like the others");
        }
        assertEquals(java.util.Optional.empty(), t.priorityOf(t.taskEvents()));
    }

    @Test
    void priorityClassesReadTheirOlderNamesAndUnknownOnesAsNormal() {
        assertEquals(Priority.URGENT, Priority.parse("Urgent").orElseThrow());
        assertEquals(Priority.URGENT, Priority.parse("high").orElseThrow());
        assertEquals(Priority.BACKFILL, Priority.parse("low").orElseThrow());
        assertEquals(java.util.Optional.empty(), Priority.parse("asap"));
        assertEquals(Priority.URGENT, ContractJson.mapper().convertValue("HIGH", Priority.class));
        assertEquals(Priority.NORMAL, ContractJson.mapper().convertValue("SOMEDAY", Priority.class),
                "a class from a newer coordinator");
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
