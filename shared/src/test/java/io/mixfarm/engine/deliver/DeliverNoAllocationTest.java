package io.mixfarm.engine.deliver;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-block work of the deliverables layer allocates nothing after preparation. */
class DeliverNoAllocationTest {
    private static final int BLOCK = 512;

    @Test
    void ditherWaveformAndPeakMeterDoNotAllocate() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        Dither tpdf = new Dither(DitherMode.TPDF, 16);
        tpdf.prepare(44_100, BLOCK, 2);
        Dither shaped = new Dither(DitherMode.TPDF_SHAPED, 16);
        shaped.prepare(44_100, BLOCK, 2);
        Dither none = new Dither(DitherMode.NONE, 24);
        none.prepare(44_100, BLOCK, 2);
        WaveformSummary waveform = new WaveformSummary(1600, 44_100);
        InterSamplePeakMeter peaks = new InterSamplePeakMeter(44_100, 2);
        double[][] buf = new double[2][BLOCK];

        Runnable work = () -> {
            for (int i = 0; i < BLOCK; i++) {
                buf[0][i] = 0.5 * Math.sin(i * 0.01);
                buf[1][i] = 0.4 * Math.cos(i * 0.013);
            }
            peaks.process(buf, BLOCK);
            waveform.process(buf, BLOCK);
            tpdf.process(buf, BLOCK);
            shaped.process(buf, BLOCK);
            none.process(buf, BLOCK);
        };
        for (int i = 0; i < 20_000; i++) {
            work.run(); // warm up: JIT, and the waveform's bucket merging
        }
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1000; i++) {
            work.run();
        }
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertEquals(0, allocated, "bytes allocated by 1000 blocks");
    }
}
