package io.mixfarm.embedded;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A real Apache Kafka broker running in this JVM: one KRaft node in combined mode (broker and
 * controller), listening on 127.0.0.1. Used by tests and by the farm's standalone mode.
 *
 * <p>The data directory survives {@link #stop()}: {@link #start()} again on the same instance
 * reopens the same directory on the same ports, with every topic and committed offset intact,
 * so tests can take the broker away mid-session. A directory given by the caller also survives
 * {@link #close()}; a temporary one is deleted.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final Path dataDir;
    private final boolean ownsDataDir;
    private final Map<String, String> overrides;
    private final int brokerPort;
    private final int controllerPort;
    private KafkaRaftServer server;
    private Duration lastStartup = Duration.ZERO;

    /**
     * A broker that is not started yet.
     *
     * @param dataDir   where the log lives; null for a temporary directory deleted on close
     * @param port      the client port; 0 picks a free one
     * @param overrides broker settings that replace the defaults (see {@link #defaults})
     */
    public EmbeddedKafka(Path dataDir, int port, Map<String, String> overrides) {
        this.ownsDataDir = dataDir == null;
        this.dataDir = ownsDataDir ? Dirs.temporary("mixfarm-kafka-") : Dirs.created(dataDir);
        this.brokerPort = port == 0 ? FreePorts.pick() : FreePorts.checkRange(port);
        this.controllerPort = FreePorts.pick();
        this.overrides = Map.copyOf(overrides);
    }

    /** Starts a broker on a temporary directory and a free port. */
    public static EmbeddedKafka startTemporary() {
        EmbeddedKafka kafka = new EmbeddedKafka(null, 0, Map.of());
        kafka.start();
        return kafka;
    }

    /** Starts a broker whose log lives in {@code dataDir} (kept), on {@code port} (0: free). */
    public static EmbeddedKafka startIn(Path dataDir, int port) {
        EmbeddedKafka kafka = new EmbeddedKafka(dataDir, port, Map.of());
        kafka.start();
        return kafka;
    }

    /**
     * Formats the directory on first use, then starts the node and returns once the broker
     * is unfenced and serving. Does nothing when already running.
     */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        long began = System.nanoTime();
        KafkaConfig config = new KafkaConfig(brokerProperties(), false);
        formatIfNew();
        KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            started.startup();
        } catch (RuntimeException e) {
            started.shutdown();
            started.awaitShutdown();
            throw new IllegalStateException("Kafka broker in " + dataDir + " did not start: " + e.getMessage(), e);
        }
        server = started;
        lastStartup = Duration.ofNanos(System.nanoTime() - began);
    }

    /** Shuts the node down and waits for it; the data directory and ports are kept. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            server = null;
        }
    }

    /** Stops the broker and deletes the data directory if it is a temporary one. */
    @Override
    public synchronized void close() {
        stop();
        if (ownsDataDir) {
            Dirs.deleteRecursively(dataDir);
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public int port() {
        return brokerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** How long the last {@link #start()} took, format included. */
    public synchronized Duration lastStartup() {
        return lastStartup;
    }

    /**
     * Settings for a single node on a small machine: internal topics with one replica and few
     * partitions (fast start), no rebalance delay, topics created only on purpose, and a small
     * cleaner buffer (the default 128 MiB would sit on the heap of the whole farm JVM).
     */
    public static Map<String, String> defaults() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("background.threads", "4");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8L * 1024 * 1024));
        return p;
    }

    private Properties brokerProperties() {
        String controller = "127.0.0.1:" + controllerPort;
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + controller);
        p.put("listeners", BROKER_LISTENER + "://" + bootstrapServers() + "," + CONTROLLER_LISTENER + "://" + controller);
        p.put("advertised.listeners", BROKER_LISTENER + "://" + bootstrapServers());
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        p.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", dataDir.toString());
        p.putAll(defaults());
        p.putAll(overrides);
        return p;
    }

    /** Writes meta.properties and the bootstrap metadata once; a formatted directory is reused. */
    private void formatIfNew() {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(dataDir.toString())
                    .addDirectory(dataDir.toString())
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot format Kafka storage in " + dataDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + dataDir + ": " + e.getMessage(), e);
        }
    }
}
