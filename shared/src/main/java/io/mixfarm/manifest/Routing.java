package io.mixfarm.manifest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks the signal graph: stems feed the mix bus or a group bus and send to any bus; buses
 * output to the mix bus or a group bus and send to any bus. Every named bus must exist and the
 * buses must not feed themselves through any chain of outputs and sends.
 */
final class Routing {

    private final List<Bus> buses;
    private final Map<String, Integer> byId = new HashMap<>();
    private final Problems problems;

    Routing(List<Bus> buses, Problems problems) {
        this.buses = buses;
        this.problems = problems;
        for (int i = 0; i < buses.size(); i++) {
            if (buses.get(i).id() != null) {
                byId.putIfAbsent(buses.get(i).id(), i);
            }
        }
    }

    /** Checks a stem's main output and sends. */
    void stem(String path, Stem stem) {
        output(path + ".bus", stem.bus(), "stems reach effect buses through sends");
        sends(path + ".sends", stem.sends());
    }

    /** Checks every bus's output and sends, then looks for cycles. */
    void buses() {
        for (int i = 0; i < buses.size(); i++) {
            String path = PathNames.index("buses", i);
            output(path + ".output", buses.get(i).output(), "a bus outputs to the mix bus or a group bus");
            sends(path + ".sends", buses.get(i).sends());
        }
        new CycleSearch().run();
    }

    private void output(String path, String busId, String rule) {
        if (busId == null || !exists(path, busId)) {
            return;
        }
        Bus target = buses.get(byId.get(busId));
        if (target.type() != null && target.type() != Bus.Type.GROUP) {
            problems.add(path, "\"" + busId + "\" is a " + ModelTypes.wireName(target.type()) + " bus; " + rule);
        }
    }

    private void sends(String path, List<Send> sends) {
        for (int i = 0; i < sends.size(); i++) {
            String at = PathNames.index(path, i);
            Send send = sends.get(i);
            if (send.bus() != null) {
                exists(at + ".bus", send.bus());
            }
            problems.range(at + ".levelDb", send.levelDb(), StripRules.MIN_FADER_DB, StripRules.MAX_FADER_DB, " dB");
        }
    }

    private boolean exists(String path, String busId) {
        if (byId.containsKey(busId)) {
            return true;
        }
        String known = buses.isEmpty() ? "no buses are defined"
                : "buses: " + buses.stream().map(Bus::id).collect(Collectors.joining(", "));
        problems.add(path, "no bus \"" + busId + "\" (" + known + ")");
        return false;
    }

    /** Depth-first search over outputs and sends; each back edge closes one cycle. */
    private final class CycleSearch {
        private record Edge(int to, String path) {
        }

        private final int[] state = new int[buses.size()]; // 0 unvisited, 1 on the stack, 2 done
        private final Deque<Integer> stack = new ArrayDeque<>();

        void run() {
            for (int i = 0; i < buses.size(); i++) {
                if (state[i] == 0) {
                    visit(i);
                }
            }
        }

        // Recursion depth is bounded by the bus count, itself bounded by the document size.
        private void visit(int bus) {
            state[bus] = 1;
            stack.push(bus);
            for (Edge edge : edges(bus)) {
                if (state[edge.to] == 1) {
                    report(edge);
                } else if (state[edge.to] == 0) {
                    visit(edge.to);
                }
            }
            stack.pop();
            state[bus] = 2;
        }

        private void report(Edge closing) {
            List<String> chain = new ArrayList<>();
            for (int bus : (Iterable<Integer>) stack::descendingIterator) {
                if (!chain.isEmpty() || bus == closing.to) {
                    chain.add(buses.get(bus).id());
                }
            }
            chain.add(buses.get(closing.to).id());
            problems.add(closing.path, "routing cycle " + String.join(" → ", chain));
        }

        private List<Edge> edges(int bus) {
            List<Edge> edges = new ArrayList<>();
            String path = PathNames.index("buses", bus);
            Bus b = buses.get(bus);
            if (b.output() != null && byId.containsKey(b.output())) {
                edges.add(new Edge(byId.get(b.output()), path + ".output"));
            }
            for (int i = 0; i < b.sends().size(); i++) {
                String target = b.sends().get(i).bus();
                if (target != null && byId.containsKey(target)) {
                    edges.add(new Edge(byId.get(target), PathNames.index(path + ".sends", i) + ".bus"));
                }
            }
            return edges;
        }
    }
}
