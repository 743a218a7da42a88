package io.mixfarm.worker;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.DeadLetter;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.contract.StemLocation;
import io.mixfarm.contract.TaskEvent;
import io.mixfarm.contract.Topics;
import io.mixfarm.embedded.EmbeddedKafka;
import io.mixfarm.embedded.EmbeddedS3;
import io.mixfarm.worker.settings.WorkerSettings;
import io.mixfarm.worker.storage.Sha256;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * A real broker and a real S3 endpoint in this JVM, with the clients a test needs to feed the
 * farm and look at what it did. Each test uses its own topic prefix and group, so tests of one
 * class share the servers without seeing each other's messages.
 */
final class Farm implements AutoCloseable {

    static final String BUCKET = "mixfarm-test";
    static final int PARTITIONS = 4;

    final EmbeddedKafka kafka;
    final EmbeddedS3 s3;
    final S3AsyncClient client;
    final Path dir;
    private final KafkaProducer<String, byte[]> producer;

    Farm(Path dir) {
        this.dir = dir;
        this.kafka = EmbeddedKafka.startTemporary();
        this.s3 = EmbeddedS3.startInMemory();
        this.client = S3AsyncClient.builder()
                .endpointOverride(s3.endpoint())
                .forcePathStyle(true)
                .region(Region.of(s3.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .build();
        client.createBucket(b -> b.bucket(BUCKET)).join();
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(p);
    }

    /** Worker configuration against these servers; {@code extra} keys are under mixfarm.worker. */
    Config config(String workerId, String prefix, Map<String, Object> extra) {
        Map<String, Object> c = new HashMap<>();
        c.put("id", workerId);
        c.put("slots", 2);
        c.put("max-attempts", 3);
        c.put("retry-backoff.initial", "100ms");
        c.put("retry-backoff.max", "400ms");
        c.put("progress-interval", "200ms");
        c.put("scratch-dir", dir.resolve("scratch").toString());
        c.put("drain-deadline", "30s");
        c.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        c.put("kafka.group-id", prefix + "-workers");
        c.put("kafka.topics.prefix", prefix);
        c.put("kafka.topics.partitions", PARTITIONS);
        if (!"consumer".equals(extra.get("kafka.group-protocol"))) {
            // Rebalances in a few hundred milliseconds instead of seconds.
            c.put("kafka.consumer.heartbeat.interval.ms", 300);
        }
        c.put("s3.endpoint", s3.endpoint().toString());
        c.put("s3.region", s3.region());
        c.put("s3.path-style", true);
        c.put("s3.access-key", s3.accessKey());
        c.put("s3.secret-key", s3.secretKey());
        c.putAll(extra);
        Map<String, Object> full = new HashMap<>();
        c.forEach((k, v) -> full.put(WorkerSettings.PATH + "." + k, v));
        return ConfigFactory.parseMap(full).withFallback(ConfigFactory.load());
    }

    WorkerSettings settings(String workerId, String prefix, Map<String, Object> extra) {
        return WorkerSettings.fromConfig(config(workerId, prefix, extra));
    }

    static Topics topics(String prefix) {
        return Topics.withPrefix(prefix, PARTITIONS, (short) 1);
    }

    /** Uploads a stem and returns its location with size and checksum. */
    StemLocation putStem(String stemId, String key, byte[] bytes) {
        put(key, bytes);
        return new StemLocation(stemId, "s3://" + BUCKET + "/" + key, (long) bytes.length, Sha256.of(bytes));
    }

    void put(String key, byte[] bytes) {
        client.putObject(b -> b.bucket(BUCKET).key(key), AsyncRequestBody.fromBytes(bytes)).join();
    }

    Optional<byte[]> get(S3Uri uri) {
        try {
            return Optional.of(client.getObject(b -> b.bucket(uri.bucket()).key(uri.key()),
                    AsyncResponseTransformer.toBytes()).join().asByteArray());
        } catch (CompletionException e) {
            if (e.getCause() instanceof NoSuchKeyException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    void send(Topics topics, RenderTask task) {
        sendRaw(topics, task.key(), ContractJson.write(task));
    }

    void sendRaw(Topics topics, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topics.renderTasks(), key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True for a partition of a NORMAL tasks topic, the one {@link #send} publishes to. */
    static boolean isNormalTasks(org.apache.kafka.common.TopicPartition partition) {
        return partition.topic().endsWith(".render-tasks");
    }

    /** The partition Kafka's default partitioner puts {@code key} on. */
    static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    /** Every record on {@code topic} up to its current end. */
    List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return records;
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    List<TaskEvent> events(Topics topics) {
        return readAll(topics.taskEvents()).stream().map(r -> ContractJson.read(r.value(), TaskEvent.class)).toList();
    }

    List<DeadLetter> deadLetters(Topics topics) {
        return readAll(topics.deadLetter()).stream().map(r -> ContractJson.read(r.value(), DeadLetter.class)).toList();
    }

    /** Events of one kind, by song id. */
    static Map<String, List<TaskEvent>> byKind(List<TaskEvent> events, TaskEvent.Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).collect(Collectors.groupingBy(TaskEvent::songId));
    }

    /** The group's committed offsets on the render-tasks topic. */
    Map<TopicPartition, Long> committed(String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> result = new HashMap<>();
            offsets.forEach((tp, o) -> {
                if (o != null) {
                    result.put(tp, o.offset());
                }
            });
            return result;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** End offsets of the partitions of {@code topic} that hold records. */
    Map<TopicPartition, Long> endOffsets(String topic) {
        Map<TopicPartition, Long> end = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : readAll(topic)) {
            end.merge(new TopicPartition(topic, r.partition()), r.offset() + 1, Math::max);
        }
        return end;
    }

    @Override
    public void close() {
        producer.close();
        client.close();
        s3.close();
        kafka.close();
    }
}
