package io.mixfarm.engine.mix;

import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;
import io.mixfarm.engine.dsp.Compressor;
import io.mixfarm.engine.dsp.Reverb;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a large synthetic session to a real float WAV file and prints the heap's peak use; run
 * in a child JVM with a small {@code -Xmx} by {@link RenderMemoryTest}, and at full size (64 stems
 * × 10 minutes at 96 kHz in a 1 GiB heap) by {@code bench/render-memory.sh}.
 *
 * <p>Arguments: STEMS SECONDS RATE OUT.wav THREADS
 */
public final class RenderMemoryMain {

    private RenderMemoryMain() {
    }

    public static void main(String[] args) throws Exception {
        int stems = Integer.parseInt(args[0]);
        double seconds = Double.parseDouble(args[1]);
        int rate = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        int threads = Integer.parseInt(args[4]);
        long frames = Math.round(seconds * rate);
        List<StemNode> nodes = new ArrayList<>();
        for (int s = 0; s < stems; s++) {
            int channels = 1 + s % 2;
            StripSettings.Builder strip = StripSettings.builder()
                    .highPass(new FilterSettings(30 + s, 24))
                    .eq(List.of(new EqBandSettings(EqBandSettings.Shape.BELL, 200 + 50 * s, 2, 1)))
                    .compressor(new Compressor.Settings(-20, 3, 6, 10, 100, 2, Compressor.Detection.PEAK))
                    .faderDb(-24);
            if (channels == 1) {
                strip.pan((s % 9 - 4) / 4.0);
            }
            nodes.add(new StemNode("stem" + s, SyntheticStem.source(s, rate, channels, frames), strip.build(),
                    s % 4 == 0 ? "drums" : null, List.of(new SendSettings("room", -18, false))));
        }
        List<BusNode> buses = List.of(BusNode.group("drums"),
                new BusNode("room", new BusEffect.ReverbEffect(new Reverb.Settings(1.5, 1, 0.5, 20)),
                        StripSettings.NEUTRAL, null, List.of()));
        MixGraph graph = new MixGraph(rate, nodes, buses);
        long start = System.nanoTime();
        RenderResult result;
        try (MixRenderer renderer = new MixRenderer(threads);
             AudioWriter writer = AudioFiles.create(out, new WriteSpec(Container.WAV, rate, 2, SampleFormat.FLOAT_32))) {
            result = renderer.render(graph, writer);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("rendered %d stems x %.0f s at %d Hz (%d frames) in %.1f s; max heap %d MB; peak heap use %d MB%n",
                stems, seconds, rate, result.frames(), elapsed, Runtime.getRuntime().maxMemory() >> 20, peakHeap >> 20);
    }
}
