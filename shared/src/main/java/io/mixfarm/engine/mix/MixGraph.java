package io.mixfarm.engine.mix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The render graph of one song: its stems, the buses, and how they connect. Checks on
 * construction that every named bus exists and that no bus feeds itself; works out the order in
 * which buses are processed (each after everything that feeds it), which stems are heard (solo
 * and mute), which buses receive any signal, and how long effect tails ring after the stems end.
 */
public final class MixGraph {

    /** Effect tails are rendered for at most this long after the last stem ends. */
    public static final double MAX_TAIL_SECONDS = 30;

    private final int sampleRate;
    private final List<StemNode> stems;
    private final List<BusNode> buses;
    private final Map<String, Integer> busIndex = new HashMap<>();
    private final int[] busOrder;
    private final boolean[] audible;
    private final boolean[] busFed;
    private final long tailFrames;

    public MixGraph(int sampleRate, List<StemNode> stems, List<BusNode> buses) {
        if (sampleRate < 1000) {
            throw new IllegalArgumentException("session sample rate " + sampleRate + " is too low");
        }
        this.sampleRate = sampleRate;
        this.stems = List.copyOf(stems);
        this.buses = List.copyOf(buses);
        for (int i = 0; i < this.buses.size(); i++) {
            if (busIndex.putIfAbsent(this.buses.get(i).id(), i) != null) {
                throw new IllegalArgumentException("bus id \"" + this.buses.get(i).id() + "\" is used twice");
            }
        }
        for (StemNode stem : this.stems) {
            targets("stem " + stem.id(), stem.bus(), stem.sends());
        }
        this.busOrder = topologicalOrder();
        this.audible = audibleStems();
        this.busFed = new boolean[this.buses.size()];
        this.tailFrames = Math.round(Math.min(ringOut(), MAX_TAIL_SECONDS) * sampleRate);
    }

    public int sampleRate() {
        return sampleRate;
    }

    public List<StemNode> stems() {
        return stems;
    }

    public List<BusNode> buses() {
        return buses;
    }

    /** Index of a bus by id, or −1 for null (the mix bus). */
    int busIndex(String id) {
        return id == null ? -1 : busIndex.get(id);
    }

    /** Bus indices in processing order: every bus comes after all buses that feed it. */
    int[] busOrder() {
        return busOrder.clone();
    }

    /** Whether stem {@code i} is heard: not muted, and soloed if any stem of the song is. */
    public boolean isAudible(int stem) {
        return audible[stem];
    }

    /** Whether bus {@code i} receives signal from any audible stem (directly or through buses). */
    public boolean isFed(int bus) {
        return busFed[bus];
    }

    /** Frames rendered after the last stem ends, so effect tails ring out (0 without effects in use). */
    public long tailFrames() {
        return tailFrames;
    }

    /** The ids of a node's main output and sends, each checked to exist. */
    private int[] targets(String owner, String output, List<SendSettings> sends) {
        int[] out = new int[sends.size() + 1];
        out[0] = resolve(owner, output);
        for (int i = 0; i < sends.size(); i++) {
            out[i + 1] = resolve(owner, sends.get(i).bus());
        }
        return out;
    }

    private int resolve(String owner, String id) {
        if (id == null) {
            return -1;
        }
        Integer index = busIndex.get(id);
        if (index == null) {
            throw new IllegalArgumentException(owner + " feeds an unknown bus \"" + id + "\"");
        }
        return index;
    }

    /** Kahn's algorithm, taking the lowest-index ready bus first so the order is reproducible. */
    private int[] topologicalOrder() {
        int n = buses.size();
        int[] indegree = new int[n];
        List<int[]> edges = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            BusNode bus = buses.get(b);
            int[] to = targets("bus " + bus.id(), bus.output(), bus.sends());
            edges.add(to);
            for (int t : to) {
                if (t == b) {
                    throw new IllegalArgumentException("bus " + bus.id() + " feeds itself");
                }
                if (t >= 0) {
                    indegree[t]++;
                }
            }
        }
        int[] order = new int[n];
        boolean[] done = new boolean[n];
        for (int k = 0; k < n; k++) {
            int next = -1;
            for (int b = 0; b < n && next < 0; b++) {
                if (!done[b] && indegree[b] == 0) {
                    next = b;
                }
            }
            if (next < 0) {
                throw new IllegalArgumentException("the buses feed each other in a cycle");
            }
            done[next] = true;
            order[k] = next;
            for (int t : edges.get(next)) {
                if (t >= 0) {
                    indegree[t]--;
                }
            }
        }
        return order;
    }

    private boolean[] audibleStems() {
        boolean anySolo = stems.stream().anyMatch(s -> s.strip().solo());
        boolean[] heard = new boolean[stems.size()];
        for (int i = 0; i < heard.length; i++) {
            StripSettings strip = stems.get(i).strip();
            heard[i] = !strip.mute() && (!anySolo || strip.solo());
        }
        return heard;
    }

    /**
     * Marks the buses that receive signal and returns the longest ring-out along any path from an
     * audible stem through effect buses: effects in series add their ring-out times.
     */
    private double ringOut() {
        double[] arriving = new double[buses.size()];
        Arrays.fill(arriving, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < stems.size(); i++) {
            if (audible[i]) {
                StemNode stem = stems.get(i);
                for (int t : targets("stem " + stem.id(), stem.bus(), stem.sends())) {
                    if (t >= 0) {
                        arriving[t] = Math.max(arriving[t], 0);
                    }
                }
            }
        }
        double longest = 0;
        for (int b : busOrder) {
            if (arriving[b] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            busFed[b] = true;
            BusNode bus = buses.get(b);
            double leaving = arriving[b] + (bus.effect() == null ? 0 : bus.effect().ringOutSeconds());
            longest = Math.max(longest, leaving);
            for (int t : targets("bus " + bus.id(), bus.output(), bus.sends())) {
                if (t >= 0) {
                    arriving[t] = Math.max(arriving[t], leaving);
                }
            }
        }
        return longest;
    }
}
