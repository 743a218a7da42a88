package io.mixfarm.engine.mix;

import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.dsp.Compressor;
import io.mixfarm.engine.dsp.GainEnvelope;
import io.mixfarm.engine.dsp.Reverb;
import io.mixfarm.engine.dsp.StereoDelay;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streaming means the per-block work allocates nothing: rendering a song six times longer
 * allocates no more than the shorter one (setup only), measured on the rendering thread.
 */
class RenderAllocationTest {

    private static final int RATE = 48000;

    /** Counts frames; keeps nothing. */
    private static final class NullWriter implements AudioWriter {
        long frames;

        @Override
        public void write(double[][] src, int n) {
            frames += n;
        }

        @Override
        public long framesWritten() {
            return frames;
        }

        @Override
        public void close() {
        }
    }

    private static MixGraph song(double seconds) {
        List<StemNode> stems = new ArrayList<>();
        long frames = Math.round(seconds * RATE);
        for (int s = 0; s < 6; s++) {
            int rate = s == 5 ? 44100 : RATE;
            StripSettings strip = StripSettings.builder()
                    .highPass(new FilterSettings(40, 24))
                    .eq(List.of(new EqBandSettings(EqBandSettings.Shape.HIGH_SHELF, 6000, 2, 0.7)))
                    .compressor(new Compressor.Settings(-20, 3, 6, 5, 80, 0, Compressor.Detection.RMS))
                    .fader(GainEnvelope.of(List.of(new GainEnvelope.Point(0, -6), new GainEnvelope.Point(5, 0))))
                    .build();
            stems.add(new StemNode("s" + s, SyntheticStem.source(s, rate, 1 + s % 2, Math.round(seconds * rate)), strip,
                    s % 2 == 0 ? "drums" : null, List.of(new SendSettings("room", -12, true), new SendSettings("echo", -12, false))));
        }
        return new MixGraph(RATE, stems, List.of(BusNode.group("drums"),
                new BusNode("room", new BusEffect.ReverbEffect(new Reverb.Settings(0.3, 0.5, 0.5, 5)), StripSettings.NEUTRAL, null, List.of()),
                new BusNode("echo", new BusEffect.DelayEffect(new StereoDelay.Settings(50, 0.2, 4000, true)), StripSettings.NEUTRAL, null, List.of())));
    }

    private static long allocatedWhileRendering(double seconds) throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MixGraph graph = song(seconds);
        try (MixRenderer renderer = new MixRenderer(1)) {
            long thread = Thread.currentThread().getId();
            long before = mx.getThreadAllocatedBytes(thread);
            renderer.render(graph, new NullWriter());
            return mx.getThreadAllocatedBytes(thread) - before;
        }
    }

    @Test
    void aLongerSongAllocatesNoMore() throws Exception {
        for (int i = 0; i < 3; i++) {
            allocatedWhileRendering(5); // warm up so JIT compilation is not counted
        }
        long short10 = allocatedWhileRendering(10);
        long long60 = allocatedWhileRendering(60);
        assertTrue(long60 - short10 < 16 * 1024, "10 s allocated " + short10 + " bytes, 60 s " + long60 + " bytes");
    }
}
