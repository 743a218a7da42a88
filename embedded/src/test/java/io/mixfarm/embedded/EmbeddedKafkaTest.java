package io.mixfarm.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real broker: topics, keyed messages, committed offsets, and all of it across a restart. */
class EmbeddedKafkaTest {

    private static final String TOPIC = "mixfarm.test-tasks";
    private static final int PARTITIONS = 12;
    private static final int MESSAGES = 240;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void keyedMessagesAndOffsetsSurviveARestartOnTheSameDirectory() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), 0, Map.of())) {
            kafka.start();
            System.out.printf("EmbeddedKafka first start (format + start): %d ms%n", kafka.lastStartup().toMillis());
            createTopic(kafka);
            produce(kafka);

            List<ConsumerRecord<String, String>> first = consume(kafka, "group-a", MESSAGES);
            checkKeyedOrder(first);

            kafka.stop();
            assertFalse(kafka.isRunning());
            kafka.start();
            System.out.printf("EmbeddedKafka restart on the same directory: %d ms%n", kafka.lastStartup().toMillis());

            assertEquals(PARTITIONS, partitionCount(kafka), "the topic is still there with its partitions");
            List<ConsumerRecord<String, String>> again = consume(kafka, "group-b", MESSAGES);
            assertEquals(MESSAGES, again.size(), "every message is still in the log after the restart");
            checkKeyedOrder(again);
            assertEquals(MESSAGES, committedTotal(kafka, "group-a"), "group-a's committed offsets survived");
        }
    }

    @Test
    void aNewBrokerOnAnExistingDirectoryAndPortFindsTheTopics() throws Exception {
        Path data = dir.resolve("kafka");
        int port;
        try (EmbeddedKafka first = EmbeddedKafka.startIn(data, 0)) {
            port = first.port();
            createTopic(first);
            produce(first);
        }
        assertTrue(data.resolve("meta.properties").toFile().exists(), "a given directory is kept on close");
        // A new process (standalone restarted with --data and --port) on the same directory.
        try (EmbeddedKafka second = EmbeddedKafka.startIn(data, port)) {
            System.out.printf("EmbeddedKafka new instance on an existing directory: %d ms%n",
                    second.lastStartup().toMillis());
            assertEquals(PARTITIONS, partitionCount(second));
            checkKeyedOrder(consume(second, "group-c", MESSAGES));
        }
    }

    @Test
    void temporaryBrokerDeletesItsDirectoryOnClose() throws Exception {
        Path data;
        try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
            data = kafka.dataDir();
            assertTrue(data.resolve("meta.properties").toFile().exists(), "storage was formatted");
            assertNotEquals(0, kafka.port());
        }
        assertFalse(data.toFile().exists(), "temporary data directory removed: " + data);
    }

    private static void createTopic(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = Admin.create(adminProps(kafka))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
            awaitLeaders(admin);
        }
        assertEquals(PARTITIONS, partitionCount(kafka));
    }

    /**
     * createTopics returns once the controller has the topic; the broker serves its partitions
     * a moment later. Listing offsets asks each partition's leader itself, so once it answers
     * the first sends do not bounce off NOT_LEADER_OR_FOLLOWER.
     */
    private static void awaitLeaders(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> all = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            all.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                admin.listOffsets(all).all().get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                assertTrue(System.nanoTime() < deadline, "partitions not served after 30 s: " + e.getCause());
                Thread.sleep(20);
            }
        }
    }

    private static int partitionCount(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = Admin.create(adminProps(kafka))) {
            return admin.describeTopics(Set.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(TOPIC).partitions().size();
        }
    }

    private static void produce(EmbeddedKafka kafka) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < MESSAGES; i++) {
                String key = "session-" + (i % 3) + "/song-" + (i % 20);
                String value = JSON.writeValueAsString(Map.of("v", 1, "seq", i, "key", key));
                producer.send(new ProducerRecord<>(TOPIC, key, value));
            }
            producer.flush();
        }
    }

    private static List<ConsumerRecord<String, String>> consume(EmbeddedKafka kafka, String group, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.commitSync();
        }
        assertEquals(expected, records.size(), "messages consumed by " + group);
        return records;
    }

    /** Same key, same partition; within a key, the order they were sent in. */
    private static void checkKeyedOrder(List<ConsumerRecord<String, String>> records) throws Exception {
        Map<String, Integer> partitionOfKey = new HashMap<>();
        Map<String, Integer> lastSeqOfKey = new HashMap<>();
        Set<Integer> partitionsUsed = new java.util.HashSet<>();
        for (ConsumerRecord<String, String> r : records) {
            JsonNode value = JSON.readTree(r.value());
            assertEquals(r.key(), value.get("key").asText());
            Integer before = partitionOfKey.putIfAbsent(r.key(), r.partition());
            assertEquals(before == null ? r.partition() : before, r.partition(), "key " + r.key() + " moved partition");
            int seq = value.get("seq").asInt();
            Integer previous = lastSeqOfKey.put(r.key(), seq);
            assertTrue(previous == null || previous < seq, "key " + r.key() + " out of order at seq " + seq);
            partitionsUsed.add(r.partition());
        }
        assertEquals(60, partitionOfKey.size(), "distinct keys");
        assertTrue(partitionsUsed.size() >= 8, "60 keys spread over most of the 12 partitions: " + partitionsUsed);
    }

    private static long committedTotal(EmbeddedKafka kafka, String group) throws Exception {
        try (Admin admin = Admin.create(adminProps(kafka))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    private static Properties adminProps(EmbeddedKafka kafka) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return p;
    }
}
