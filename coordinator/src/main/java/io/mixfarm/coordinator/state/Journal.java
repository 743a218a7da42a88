package io.mixfarm.coordinator.state;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Publishes the coordinator's writes — state records and render tasks — in Kafka transactions,
 * on its own thread: what one state change publishes appears all at once or not at all (a
 * session's record never says "queued" for a task that is not on the tasks topic), and appends
 * waiting at the same time share one transaction. The transactional id makes this coordinator
 * the farm's only writer: starting a new one fences the old, whose next commit fails for good
 * ({@code onFatal}).
 *
 * <p>A broker that is away makes a commit wait and retry, in order, until it returns; the
 * state actor keeps running meanwhile. A batch the broker refuses outright (a record too large)
 * fails on its own future and the others are committed.
 */
public final class Journal implements StateWriter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final int MAX_APPENDS_PER_TRANSACTION = 500;
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);
    /** A stale producer epoch this many times in a row means another coordinator holds the id. */
    private static final int MAX_STALE_EPOCHS = 3;

    private record Append(List<ProducerRecord<String, byte[]>> records, CompletableFuture<Void> done) {
    }

    private final LinkedBlockingQueue<Append> queue = new LinkedBlockingQueue<>();
    private final KafkaProducer<String, byte[]> producer;
    private final Consumer<Throwable> onFatal;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable fatal;

    /**
     * Creates the producer and fences any earlier coordinator with the same transactional id
     * (blocking until the broker answers).
     *
     * @param clientProperties bootstrap servers and any security settings
     * @param onFatal          called once when this journal can publish no more (fenced, not authorised)
     */
    public Journal(Map<String, Object> clientProperties, String transactionalId, int maxRequestBytes,
                   Consumer<Throwable> onFatal) {
        Map<String, Object> p = new HashMap<>(clientProperties);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestBytes);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, transactionalId + "-journal");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.onFatal = onFatal;
        try {
            producer.initTransactions();
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
        this.thread = new Thread(this::run, "mixfarm-coordinator-journal");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Publishes {@code records} in a transaction; completes when it is committed. */
    @Override
    public CompletableFuture<Void> append(List<ProducerRecord<String, byte[]>> records) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Throwable failed = fatal;
        if (failed != null || !running) {
            done.completeExceptionally(failed != null ? failed : new IllegalStateException("the journal is closed"));
            return done;
        }
        if (records.isEmpty()) {
            done.complete(null);
            return done;
        }
        queue.add(new Append(List.copyOf(records), done));
        return done;
    }

    /** True until the journal is closed or has failed for good. */
    public boolean healthy() {
        return running && fatal == null;
    }

    /** Appends waiting to be committed. */
    public int backlog() {
        return queue.size();
    }

    private void run() {
        List<Append> batch = new ArrayList<>();
        while (running) {
            try {
                Append first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_APPENDS_PER_TRANSACTION - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                giveUp(e, batch);
            }
            batch.clear();
        }
        failAll(fatal != null ? fatal : new IllegalStateException("the journal is closed"));
    }

    /**
     * Commits the batch, retrying while the broker is away; drops appends the broker refuses
     * outright. A producer epoch found stale (a transaction the broker timed out) is recovered by
     * aborting; when it stays stale, or the abort says so, another coordinator has taken over.
     */
    private void commit(List<Append> batch) throws InterruptedException {
        List<Append> pending = new ArrayList<>(batch);
        int staleEpochs = 0;
        while (running && !pending.isEmpty()) {
            try {
                producer.beginTransaction();
                List<List<Future<RecordMetadata>>> sent = new ArrayList<>();
                for (Append append : pending) {
                    List<Future<RecordMetadata>> futures = new ArrayList<>();
                    append.records.forEach(r -> futures.add(producer.send(r)));
                    sent.add(futures);
                }
                producer.flush();
                if (dropRefused(pending, sent)) {
                    producer.abortTransaction();
                    continue;
                }
                commitTransaction();
                pending.forEach(a -> a.done.complete(null));
                return;
            } catch (KafkaException e) {
                if (isFatal(e) || isFatal(e.getCause())) {
                    throw e;
                }
                boolean stale = e instanceof InvalidProducerEpochException || e.getCause() instanceof InvalidProducerEpochException;
                staleEpochs = stale ? staleEpochs + 1 : 0;
                if (staleEpochs >= MAX_STALE_EPOCHS) {
                    throw e;
                }
                LOG.warn("state journal: transaction failed, retrying: {}", e.toString());
                abort();
                Thread.sleep(RETRY_PAUSE.toMillis());
            }
        }
        pending.forEach(a -> a.done.completeExceptionally(new IllegalStateException("the journal is closed")));
    }

    private void commitTransaction() throws InterruptedException {
        while (true) {
            try {
                producer.commitTransaction();
                return;
            } catch (TimeoutException e) {
                // The commit may still complete: the producer allows calling it again.
                LOG.warn("state journal: commit timed out, retrying");
                Thread.sleep(RETRY_PAUSE.toMillis());
            }
        }
    }

    /** Fails the appends with a record the broker will never take; true when any was dropped. */
    private static boolean dropRefused(List<Append> pending, List<List<Future<RecordMetadata>>> sent)
            throws InterruptedException {
        boolean dropped = false;
        Iterator<Append> appends = pending.iterator();
        for (List<Future<RecordMetadata>> futures : sent) {
            Append append = appends.next();
            Throwable refused = refusal(futures);
            if (refused != null) {
                append.done.completeExceptionally(refused);
                appends.remove();
                dropped = true;
            }
        }
        return dropped;
    }

    private static Throwable refusal(List<Future<RecordMetadata>> futures) throws InterruptedException {
        for (Future<RecordMetadata> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                // Records failed only because a sibling failed are not refused themselves.
                if (cause instanceof KafkaException && !(cause instanceof RetriableException) && !isFatal(cause)
                        && !(cause instanceof InvalidProducerEpochException)
                        && !(cause instanceof TransactionAbortedException)) {
                    return cause;
                }
            }
        }
        return null;
    }

    /** Errors after which this producer can publish nothing more. */
    private static boolean isFatal(Throwable e) {
        return e instanceof ProducerFencedException || e instanceof OutOfOrderSequenceException
                || e instanceof AuthorizationException || e instanceof UnsupportedVersionException;
    }

    /** Aborts the open transaction; an abort that reports fencing is fatal, one that times out is tried again. */
    private void abort() throws InterruptedException {
        while (running) {
            try {
                producer.abortTransaction();
                return;
            } catch (KafkaException e) {
                if (isFatal(e) || isFatal(e.getCause())) {
                    throw e;
                }
                if (!(e instanceof TimeoutException)) {
                    LOG.debug("state journal: abort failed: {}", e.toString());
                    return;
                }
                Thread.sleep(RETRY_PAUSE.toMillis());
            }
        }
    }

    private void giveUp(RuntimeException e, List<Append> batch) {
        LOG.error("state journal: cannot publish any more; this coordinator stops writing state", e);
        fatal = e;
        running = false;
        batch.forEach(a -> a.done.completeExceptionally(e));
        onFatal.accept(e);
    }

    private void failAll(Throwable cause) {
        Append append;
        while ((append = queue.poll()) != null) {
            append.done.completeExceptionally(cause);
        }
    }

    /** Stops after the transaction in progress; appends not committed fail. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
