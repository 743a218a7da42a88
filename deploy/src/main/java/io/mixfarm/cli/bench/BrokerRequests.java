package io.mixfarm.cli.bench;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;

/**
 * The in-JVM broker's request counts by API (its {@code kafka.network RequestMetrics}), so the
 * benchmark can show how many broker requests each song costs: the broker's CPU goes mostly
 * per request, not per byte, at these sizes.
 */
final class BrokerRequests {

    private BrokerRequests() {
    }

    /** Requests handled so far, by API name (Produce, Fetch, EndTxn, …). */
    static Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            for (ObjectName name : server.queryNames(
                    new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null)) {
                String request = name.getKeyProperty("request");
                if (request == null || request.equals("FetchConsumer") || request.equals("FetchFollower")) {
                    continue; // Fetch again, split by who asked
                }
                if (server.getAttribute(name, "Count") instanceof Number count) {
                    counts.merge(request, count.longValue(), Long::sum);
                }
            }
        } catch (javax.management.JMException e) {
            return Map.of(); // no broker metrics in this JVM: nothing to show
        }
        return counts;
    }

    /** "Produce 2.31, Fetch 4.02, …": requests per song between two snapshots, the busiest first. */
    static String perSong(Map<String, Long> before, Map<String, Long> after, int songs) {
        StringBuilder text = new StringBuilder();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> text.append(text.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
                        .append(String.format(java.util.Locale.ROOT, "%.2f", (double) e.getValue() / songs)));
        return text.toString();
    }
}
