package io.mixfarm.cli.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs another main class and reports the JVM's heap when it exits: the most heap ever in use
 * (sampled every 20 ms, garbage included) and the most still in use right after a collection
 * (what the component really holds), and the time the JIT compilers spent over the JVM's life.
 * Prints one line, {@code mixfarm-heap peakUsed=<bytes> peakAfterGc=<bytes> max=<bytes> jitMs=<ms>},
 * from a shutdown hook, so a benchmark can stop the child
 * with SIGTERM and read it. Used as the entry point of the control-plane benchmark's child JVMs.
 */
public final class HeapWatch {

    /** Prefix of the line printed at exit. */
    public static final String LINE = "mixfarm-heap";

    private static final AtomicLong PEAK_USED = new AtomicLong();
    private static final AtomicLong PEAK_AFTER_GC = new AtomicLong();

    private HeapWatch() {
    }

    /** {@code HeapWatch <main class> [args...]}. */
    public static void main(String[] args) throws Throwable {
        if (args.length < 1) {
            System.err.println("usage: HeapWatch MAIN_CLASS [ARGS...]");
            System.exit(2);
        }
        watchCollections();
        Thread sampler = new Thread(HeapWatch::sample, "mixfarm-heap-watch");
        sampler.setDaemon(true);
        sampler.start();
        Runtime.getRuntime().addShutdownHook(new Thread(HeapWatch::report, "mixfarm-heap-report"));
        Class.forName(args[0]).getMethod("main", String[].class)
                .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }

    private static void sample() {
        while (true) {
            PEAK_USED.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** After every collection: the heap pools' usage then. */
    private static void watchCollections() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof NotificationEmitter emitter)) {
                continue;
            }
            emitter.addNotificationListener((notification, handback) -> {
                if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                }
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long after = 0;
                for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    MemoryUsage usage = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                    if (pool.getType() == MemoryType.HEAP && usage != null) {
                        after += usage.getUsed();
                    }
                }
                PEAK_AFTER_GC.accumulateAndGet(after, Math::max);
            }, null, null);
        }
    }

    /** Time spent compiling (JIT threads, all tiers), or -1 when the JVM does not say. */
    private static long jitMillis() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    private static void report() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        PEAK_USED.accumulateAndGet(heap.getUsed(), Math::max);
        System.out.println(LINE + " peakUsed=" + PEAK_USED.get() + " peakAfterGc=" + PEAK_AFTER_GC.get()
                + " max=" + heap.getMax() + " jitMs=" + jitMillis());
        System.out.flush();
    }
}
