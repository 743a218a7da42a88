package io.mixfarm.engine.mix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fixed set of threads that run one batch of indexed tasks per block: the caller and
 * {@code threads − 1} workers take task indices from a shared counter until none are left, and
 * {@link #run} returns when all are done. Which thread runs which task varies; callers make each
 * task's result independent of that (every task owns its state and output buffer). The two
 * barrier trips per block are the only per-block allocation (a few bytes each, inside
 * {@link CyclicBarrier}); with one thread there are none.
 */
final class BlockWorkers implements AutoCloseable {

    /** One indexed task. */
    @FunctionalInterface
    interface Task {
        void run(int index) throws IOException;
    }

    private final Thread[] workers;
    private final CyclicBarrier start;
    private final CyclicBarrier finish;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private Task task;
    private int taskCount;
    private volatile boolean closed;

    BlockWorkers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        workers = new Thread[threads - 1];
        start = new CyclicBarrier(threads);
        finish = new CyclicBarrier(threads);
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Thread(this::workerLoop, "mix-worker-" + (i + 1));
            workers[i].setDaemon(true);
            workers[i].start();
        }
    }

    /** Runs {@code task(0 .. count)} across the threads; rethrows the first failure. */
    void run(int count, Task body) throws IOException {
        if (closed) {
            throw new IllegalStateException("workers are closed");
        }
        task = body;
        taskCount = count;
        next.set(0);
        failure.set(null);
        if (workers.length == 0) {
            work(); // one thread: no hand-over needed
        } else {
            await(start); // publishes task and count to the workers
            work();
            await(finish);
        }
        Throwable t = failure.get();
        if (t instanceof IOException e) {
            throw e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    private void work() {
        int i;
        while ((i = next.getAndIncrement()) < taskCount) {
            try {
                task.run(i);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }
    }

    private void workerLoop() {
        while (true) {
            try {
                start.await();
                if (closed) {
                    return;
                }
                work();
                finish.await();
            } catch (InterruptedException | BrokenBarrierException e) {
                return;
            }
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("render interrupted", e));
        } catch (BrokenBarrierException e) {
            throw new IllegalStateException("render workers stopped", e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (workers.length > 0) {
            try {
                start.await();
            } catch (InterruptedException | BrokenBarrierException e) {
                for (Thread w : workers) {
                    w.interrupt();
                }
                Thread.currentThread().interrupt();
            }
        }
    }
}
