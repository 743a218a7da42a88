package io.mixfarm.coordinator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.contract.BlockEnergies;
import io.mixfarm.contract.Completion;
import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.ContractMessage;
import io.mixfarm.contract.Failure;
import io.mixfarm.contract.Output;
import io.mixfarm.contract.OutputKeys;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.contract.SongAnalysis;
import io.mixfarm.contract.TaskEvent;
import io.mixfarm.contract.Topics;
import io.mixfarm.engine.loudness.GatingBlocks;
import io.mixfarm.engine.loudness.Loudness;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The worker's side of the Kafka contract, played by a test: reads render tasks (committed
 * transactions only, as workers must) and publishes task events, through a real broker.
 */
public final class WorkerSide implements AutoCloseable {

    public static final String WORKER = "test-worker-1";

    private final Topics topics;
    private final String bootstrap;
    private final KafkaConsumer<String, byte[]> tasksConsumer;
    private final KafkaProducer<String, byte[]> producer;
    private final List<ConsumerRecord<String, byte[]>> taskRecords = new ArrayList<>();

    public WorkerSide(TestFarm farm, Topics topics) {
        this.topics = topics;
        this.bootstrap = farm.kafka().bootstrapServers();
        this.tasksConsumer = consumer();
        // Every class's tasks topic, as workers subscribe to all of them.
        List<TopicPartition> partitions = topics.allRenderTasks().stream()
                .flatMap(topic -> tasksConsumer.partitionsFor(topic).stream())
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        tasksConsumer.assign(partitions);
        tasksConsumer.seekToBeginning(partitions);
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** Every task published so far, once at least {@code count} have been; fails after {@code timeout}. */
    public List<RenderTask> awaitTasks(int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (taskRecords.size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + count + " tasks, saw " + taskRecords.size() + ": " + tasks());
            }
            tasksConsumer.poll(Duration.ofMillis(100)).forEach(taskRecords::add);
        }
        return tasks();
    }

    /** Polls for {@code quiet} and returns every task published so far. */
    public List<RenderTask> tasksAfter(Duration quiet) {
        Instant until = Instant.now().plus(quiet);
        while (Instant.now().isBefore(until)) {
            tasksConsumer.poll(Duration.ofMillis(100)).forEach(taskRecords::add);
        }
        return tasks();
    }

    public List<RenderTask> tasks() {
        return taskRecords.stream().map(r -> ContractJson.read(r.value(), RenderTask.class)).toList();
    }

    /** The topic each task was read from, by task id. */
    public Map<String, String> taskTopics() {
        Map<String, String> topics = new java.util.HashMap<>();
        taskRecords.forEach(r -> topics.put(ContractJson.read(r.value(), RenderTask.class).taskId(), r.topic()));
        return topics;
    }

    /** The partition each task was read from, by task id. */
    public Map<String, Integer> taskPartitions() {
        Map<String, Integer> partitions = new java.util.HashMap<>();
        taskRecords.forEach(r -> partitions.put(ContractJson.read(r.value(), RenderTask.class).taskId(), r.partition()));
        return partitions;
    }

    /** The Kafka keys of the tasks, in the order read. */
    public List<String> taskKeys() {
        return taskRecords.stream().map(ConsumerRecord::key).toList();
    }

    public void send(TaskEvent event) {
        try {
            producer.send(new ProducerRecord<>(topics.taskEvents(), event.key(), ContractJson.write(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void accepted(RenderTask task) {
        send(TaskEvent.accepted(task, WORKER, Instant.now()));
        send(TaskEvent.started(task, WORKER, Instant.now()));
    }

    /** COMPLETED for a FULL or MASTER task: a master and a report under the task's output prefix. */
    public TaskEvent completion(RenderTask task, SongAnalysis outputAnalysis) {
        S3Uri out = S3Uri.parse(task.spec().outputPrefix());
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        report.put("song", task.songId());
        report.putObject("output").put("integratedLufs", -14.0).put("truePeakDbtp", -1.2);
        List<Output> outputs = List.of(
                new Output(task.songId() + "-24bit-48000hz.wav",
                        out.resolve(task.songId() + "/" + task.songId() + "-24bit-48000hz.wav").toString(), 1000, "ab".repeat(32)),
                new Output("report", OutputKeys.songReport(out, task.songId()).toString(), 100, "cd".repeat(32)));
        return TaskEvent.completed(task, WORKER, Instant.now(), new Completion(outputs, report, outputAnalysis));
    }

    /** COMPLETED for an ANALYZE task with the given measurements. */
    public TaskEvent analysis(RenderTask task, SongAnalysis analysis) {
        ObjectNode report = JsonNodeFactory.instance.objectNode().put("song", task.songId()).put("phase", "analyze");
        return TaskEvent.completed(task, WORKER, Instant.now(), new Completion(List.of(), report, analysis));
    }

    public TaskEvent failure(RenderTask task, Failure.ReasonClass reason, String message) {
        return TaskEvent.failed(task, WORKER, Instant.now(), new Failure(reason, message));
    }

    /** Measurements of a song whose {@code blocks} 400 ms blocks all have loudness {@code lufs}. */
    public static SongAnalysis steady(double lufs, int blocks, double truePeakDbtp) {
        double[] energies = new double[blocks];
        Arrays.fill(energies, Loudness.energy(lufs));
        GatingBlocks gating = GatingBlocks.of(GatingBlocks.Window.GATING_400_MS, energies, blocks);
        GatingBlocks shortTerm = GatingBlocks.of(GatingBlocks.Window.SHORT_TERM_3_S, energies, blocks);
        return new SongAnalysis(lufs, 0.0, truePeakDbtp, BlockEnergies.of(gating), BlockEnergies.of(shortTerm));
    }

    /** Every message of the sessions topic so far, in order (committed transactions only). */
    public List<ContractMessage> sessionsTopic(Predicate<ContractMessage> filter) {
        try (KafkaConsumer<String, byte[]> c = consumer()) {
            List<TopicPartition> partitions = c.partitionsFor(topics.sessions()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            List<ContractMessage> all = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> c.position(p) < end.get(p))) {
                c.poll(Duration.ofMillis(100)).forEach(r -> ContractJson.readAny(r.value()).filter(filter).ifPresent(all::add));
            }
            return all;
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        tasksConsumer.close(CloseOptions.timeout(Duration.ZERO));
        producer.close(Duration.ofSeconds(2));
    }
}
