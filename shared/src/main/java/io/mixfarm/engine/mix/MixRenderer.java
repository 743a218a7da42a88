package io.mixfarm.engine.mix;

import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.dsp.Decibels;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Renders a {@link MixGraph} to a stereo writer at the session rate, streaming in blocks of
 * {@value #BLOCK_FRAMES} frames: memory depends on the number of stems and buses, never on the
 * song's length.
 *
 * <p>Per block: every stem is read, resampled if needed and run through its strip, in parallel
 * (one task per stem, each owning its state and buffers); then, on the calling thread, stems are
 * summed into their buses in stem order, buses are processed in the graph's order and summed into
 * their outputs, and the mix bus is written. Floating-point sums depend on their order, and that
 * order is fixed, so the output is bit-identical for any number of threads.
 *
 * <p>Length: the longest stem (shorter stems are padded with silence), then
 * {@link MixGraph#tailFrames()} more so reverb and delay tails ring out. The strips' own filter
 * ring-out past the last stem's end is not rendered.
 */
public final class MixRenderer implements AutoCloseable {

    /** Frames per block. */
    public static final int BLOCK_FRAMES = 4096;

    private final BlockWorkers workers;
    private final int threads;

    /** A renderer processing stems on {@code threads} threads (the caller's included). */
    public MixRenderer(int threads) {
        this.threads = threads;
        this.workers = new BlockWorkers(threads);
    }

    public int threads() {
        return threads;
    }

    /**
     * Renders the song into {@code writer}, which must be stereo at the graph's sample rate; the
     * caller closes the writer. Stem sources are opened here and closed before returning.
     */
    public RenderResult render(MixGraph graph, AudioWriter writer) throws IOException {
        List<StemLane> lanes = new ArrayList<>();
        try {
            for (int i = 0; i < graph.stems().size(); i++) {
                lanes.add(StemLane.open(graph.stems().get(i), graph.isAudible(i), graph.sampleRate(), BLOCK_FRAMES));
            }
            return new Pass(graph, lanes.toArray(new StemLane[0])).run(writer);
        } finally {
            IOException first = null;
            for (StemLane lane : lanes) {
                try {
                    lane.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    @Override
    public void close() {
        workers.close();
    }

    /** The state of one render. */
    private final class Pass {
        private final MixGraph graph;
        private final StemLane[] lanes;
        private final BusLane[] buses;
        private final int[] busOrder;
        private final Routes[] stemRoutes;
        private final Routes[] busRoutes;
        private final double[][] mix = new double[2][BLOCK_FRAMES];
        private double peak;

        Pass(MixGraph graph, StemLane[] lanes) {
            this.graph = graph;
            this.lanes = lanes;
            this.busOrder = graph.busOrder();
            this.buses = new BusLane[graph.buses().size()];
            this.busRoutes = new Routes[buses.length];
            for (int b = 0; b < buses.length; b++) {
                if (graph.isFed(b)) {
                    BusNode node = graph.buses().get(b);
                    buses[b] = new BusLane(node, graph.sampleRate(), BLOCK_FRAMES);
                    busRoutes[b] = new Routes(graph, node.output(), node.sends());
                }
            }
            this.stemRoutes = new Routes[lanes.length];
            for (int s = 0; s < lanes.length; s++) {
                StemNode node = graph.stems().get(s);
                stemRoutes[s] = new Routes(graph, node.bus(), node.sends());
            }
        }

        RenderResult run(AudioWriter writer) throws IOException {
            BlockWorkers.Task nextBlock = i -> lanes[i].next(BLOCK_FRAMES);
            long stemFrames = 0;
            while (true) {
                workers.run(lanes.length, nextBlock);
                int n = 0;
                for (StemLane lane : lanes) {
                    n = Math.max(n, lane.realFrames());
                }
                if (n == 0) {
                    break;
                }
                mixDown(n, true);
                write(writer, n);
                stemFrames += n;
                if (n < BLOCK_FRAMES) {
                    break;
                }
            }
            long tail = stemFrames == 0 ? 0 : graph.tailFrames();
            for (long done = 0; done < tail; ) {
                int n = (int) Math.min(BLOCK_FRAMES, tail - done);
                mixDown(n, false);
                write(writer, n);
                done += n;
            }
            return new RenderResult(stemFrames + tail, stemFrames, tail, peak);
        }

        /** Sums stems (unless in the tail) into buses, processes the buses, and fills {@link #mix}. */
        private void mixDown(int n, boolean withStems) {
            Arrays.fill(mix[0], 0, n, 0.0);
            Arrays.fill(mix[1], 0, n, 0.0);
            for (BusLane bus : buses) {
                if (bus != null) {
                    bus.clear(n);
                }
            }
            if (withStems) {
                for (int s = 0; s < lanes.length; s++) {
                    if (graph.isAudible(s)) {
                        route(stemRoutes[s], lanes[s].out(), lanes[s].preFader(), n);
                    }
                }
            }
            for (int b : busOrder) {
                if (buses[b] != null) {
                    buses[b].process(n);
                    route(busRoutes[b], buses[b].buffer(), buses[b].preFader(), n);
                }
            }
        }

        private void route(Routes routes, double[][] post, double[][] pre, int n) {
            add(target(routes.output), post, 1, n);
            for (int k = 0; k < routes.sendBus.length; k++) {
                add(target(routes.sendBus[k]), routes.sendPre[k] ? pre : post, routes.sendGain[k], n);
            }
        }

        private double[][] target(int bus) {
            return bus < 0 ? mix : buses[bus].buffer();
        }

        private void write(AudioWriter writer, int n) throws IOException {
            double p = peak;
            for (double[] channel : mix) {
                for (int i = 0; i < n; i++) {
                    double a = Math.abs(channel[i]);
                    p = a > p ? a : p; // not Math.max: its NaN/−0 handling is slow in a loop
                }
            }
            peak = p;
            writer.write(mix, n);
        }
    }

    private static void add(double[][] dst, double[][] src, double gain, int n) {
        for (int ch = 0; ch < 2; ch++) {
            double[] d = dst[ch];
            double[] s = src[ch];
            if (gain == 1) {
                for (int i = 0; i < n; i++) {
                    d[i] += s[i];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    d[i] += s[i] * gain;
                }
            }
        }
    }

    /** Where a stem or bus goes: its output bus and its sends, resolved to indices and gains. */
    private static final class Routes {
        final int output;
        final int[] sendBus;
        final double[] sendGain;
        final boolean[] sendPre;

        Routes(MixGraph graph, String output, List<SendSettings> sends) {
            this.output = graph.busIndex(output);
            sendBus = new int[sends.size()];
            sendGain = new double[sends.size()];
            sendPre = new boolean[sends.size()];
            for (int k = 0; k < sends.size(); k++) {
                sendBus[k] = graph.busIndex(sends.get(k).bus());
                sendGain[k] = Decibels.toGain(sends.get(k).levelDb());
                sendPre[k] = sends.get(k).preFader();
            }
        }
    }
}
