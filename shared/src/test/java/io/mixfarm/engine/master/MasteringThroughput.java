package io.mixfarm.engine.master;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Throughput of mastering (not a test): a 4-minute 48 kHz song of each corpus kind mastered to
 * −14 LUFS in memory, timed in CPU seconds of this thread, with the limiter alone for comparison.
 * Run: {@code java -cp shared/target/classes:shared/target/test-classes io.mixfarm.engine.master.MasteringThroughput}
 */
final class MasteringThroughput {

    private MasteringThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int fs = 48_000;
        double seconds = 240;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        MasteringSettings settings = MasteringSettings.of(Preset.STREAMING).withLimits(24, UnreachablePolicy.LIMIT);
        for (int round = 0; round < 2; round++) { // the first round warms the JIT up
            for (TestMaterial.Kind kind : TestMaterial.Kind.values()) {
                double[][] audio = TestMaterial.make(kind, fs, seconds, kind.ordinal());
                long t0 = cpu.getCurrentThreadCpuTime();
                SongReport r = new SongMastering(settings).master(MemoryAudio.source(kind.name(), fs, audio), null).report();
                double master = (cpu.getCurrentThreadCpuTime() - t0) / 1e9;
                long t1 = cpu.getCurrentThreadCpuTime();
                TruePeakLimiter limiter = new TruePeakLimiter(-1, LimiterSettings.DEFAULT);
                limiter.prepare(fs, 8192, 2);
                double[][] block = new double[2][8192];
                for (int pos = 0; pos < audio[0].length; pos += 8192) {
                    int n = Math.min(8192, audio[0].length - pos);
                    System.arraycopy(audio[0], pos, block[0], 0, n);
                    System.arraycopy(audio[1], pos, block[1], 0, n);
                    limiter.process(block, n);
                }
                double limit = (cpu.getCurrentThreadCpuTime() - t1) / 1e9;
                System.out.printf("%-18s master %5.2f s CPU (%4.0fx realtime, %d passes, I %.2f)   limiter alone %4.0fx%n",
                        kind, master, seconds / master, r.renders(), r.output().integratedLufs(), seconds / limit);
            }
        }
    }
}
