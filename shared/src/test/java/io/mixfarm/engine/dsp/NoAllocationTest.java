package io.mixfarm.engine.dsp;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** After prepare, the processors' process calls allocate nothing (measured per thread by the JVM). */
class NoAllocationTest {

    private static final double FS = 48000;
    private static final int BLOCK = 512;

    @Test
    void processCallsDoNotAllocate() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        double[][] buf = new double[2][BLOCK];

        BiquadFilter eq = new BiquadFilter(BiquadCoefficients.peaking(FS, 1000, 1, 3), BiquadCoefficients.highPass(FS, 30, 0.7));
        eq.prepare(FS, BLOCK, 2);
        Compressor comp = new Compressor(new Compressor.Settings(-20, 3, 6, 5, 80, 2, Compressor.Detection.RMS));
        comp.prepare(FS, BLOCK, 2);
        GainRamp ramp = new GainRamp(GainEnvelope.of(List.of(new GainEnvelope.Point(0, 0), new GainEnvelope.Point(1, -6))));
        ramp.prepare(FS, BLOCK, 2);
        SmoothedGain smooth = new SmoothedGain(0, 10);
        smooth.prepare(FS, BLOCK, 2);
        Reverb reverb = new Reverb(new Reverb.Settings(1.5, 1, 0.5, 10));
        reverb.prepare(FS, BLOCK, 2);
        StereoDelay delay = new StereoDelay(new StereoDelay.Settings(250, 0.4, 5000, true));
        delay.prepare(FS, BLOCK, 2);
        DelayLine latency = new DelayLine(4096);
        latency.prepare(FS, BLOCK, 2);
        latency.setDelay(1234);
        Resampler src = Resampler.create(48000, 44100);
        src.prepare(FS, BLOCK, 2);
        double[][] srcOut = new double[2][src.maxOutputFrames(BLOCK)];

        Runnable chain = () -> {
            for (int i = 0; i < BLOCK; i++) {
                buf[0][i] = Math.sin(i * 0.05) * 0.5;
                buf[1][i] = Math.cos(i * 0.07) * 0.5;
            }
            eq.process(buf, BLOCK);
            comp.process(buf, BLOCK);
            ramp.process(buf, BLOCK);
            smooth.setTargetDb(-1);
            smooth.process(buf, BLOCK);
            Pan.width(buf[0], buf[1], BLOCK, 1.3);
            latency.process(buf, BLOCK);
            src.process(buf, BLOCK, srcOut);
            delay.process(buf, BLOCK);
            reverb.process(buf, BLOCK);
        };
        for (int i = 0; i < 2000; i++) {
            chain.run(); // warm up so JIT compilation is not counted
        }
        long thread = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 500; i++) {
            chain.run();
        }
        long allocated = mx.getThreadAllocatedBytes(thread) - before;
        assertEquals(0, allocated, 0, "bytes allocated by 500 blocks of processing");
    }
}
