package io.mixfarm.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.coordinator.Coordinator;
import io.mixfarm.reliability.FaultProxy.Fault;
import io.mixfarm.reliability.FaultProxy.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workers reach S3 through a proxy that answers 500 and 503 SlowDown, resets connections,
 * delays and throttles answers, cuts stem downloads short and alters their bytes. The album
 * completes; every cut or altered download is caught (length, SHA-256) and fetched again, never
 * rendered: the masters are byte for byte those of the same album rendered without faults.
 */
@Timeout(420)
class S3FaultsTest {

    static final int SONGS = Integer.getInteger("reliability.s3.songs", 4);

    @TempDir
    Path dir;

    /** With {@code -Dreliability.s3.seed}: random faults from that seed (soak); else the CI's fixed rules. */
    static final Long SEED = Long.getLong("reliability.s3.seed");

    /**
     * Deterministic rules (every n-th matching request, a few times each, each object hit at most
     * once per rule), or with a seed, random ones that may hit the same object again.
     */
    static List<Rule> rules() {
        if (SEED != null) {
            return List.of(
                    Rule.random(Fault.CORRUPT, "GET", "^/stems/", 0.08, 1000),
                    Rule.random(Fault.TRUNCATE, "GET", "^/stems/", 0.08, 1000),
                    Rule.random(Fault.SLOW_DOWN_503, null, "^/", 0.08, 1000),
                    Rule.random(Fault.ERROR_500, null, "^/", 0.04, 1000),
                    Rule.random(Fault.RESET, null, "^/", 0.04, 1000),
                    Rule.random(Fault.DELAY, null, "^/", 0.05, 1000),
                    Rule.random(Fault.THROTTLE, "GET", "^/", 0.2, 1000));
        }
        return List.of(
                Rule.every(Fault.CORRUPT, "GET", "^/stems/", 3, 3),
                Rule.every(Fault.TRUNCATE, "GET", "^/stems/", 4, 3),
                Rule.every(Fault.SLOW_DOWN_503, null, "^/", 5, 6),
                Rule.every(Fault.ERROR_500, "PUT", "^/masters/", 3, 3),
                Rule.every(Fault.RESET, null, "^/", 7, 3),
                Rule.every(Fault.DELAY, null, "^/", 6, 4),
                Rule.every(Fault.THROTTLE, "GET", "^/", 2, 6));
    }

    @Test
    void transientFaultsAreRetriedAndBadDownloadsNeverRendered() throws Exception {
        try (Rig rig = Rig.start(dir); FaultProxy proxy = new FaultProxy(rig.s3().endpoint(), SEED == null ? 42 : SEED, rules())) {
            Coordinator coordinator = rig.startCoordinator();
            // each attempt at a song fetches its two stems again, and every rule may hit each
            // object once: in the worst case one song sees six or seven failed attempts
            Map<String, Object> attempts = Map.of("max-attempts", 10);
            rig.startWorker("worker-1", proxy.endpoint(), null, attempts);
            rig.startWorker("worker-2", proxy.endpoint(), null, attempts);
            Groups.awaitMembers(rig.kafka().bootstrapServers(), Set.of("worker-1", "worker-2"), Duration.ofSeconds(120));

            String faulty = rig.submit(RigAlbum.write(dir.resolve("a"), "faulty", SONGS, 5, false), coordinator.url());
            JsonNode view = Rig.awaitEnd(coordinator.url(), faulty, Duration.ofSeconds(300));
            assertEquals("COMPLETED", view.path("state").asText(), view.toPrettyString() + "\n" + proxy.injected());
            Map<Fault, Integer> injected = proxy.injected();
            for (Fault fault : Fault.values()) {
                assertTrue(SEED != null || injected.get(fault) > 0, fault + " was injected: " + injected);
            }
            int stemGets = proxy.requests().entrySet().stream().filter(e -> e.getKey().startsWith("GET /stems/"))
                    .mapToInt(Map.Entry::getValue).sum();
            assertTrue(stemGets >= 2 * SONGS + injected.get(Fault.CORRUPT) + injected.get(Fault.TRUNCATE),
                    "every cut or altered stem was fetched again: " + proxy.requests());

            proxy.enabled(false);
            String clean = rig.submit(RigAlbum.write(dir.resolve("b"), "clean", SONGS, 5, false), coordinator.url());
            JsonNode reference = Rig.awaitEnd(coordinator.url(), clean, Duration.ofSeconds(300));
            try (S3Client s3 = rig.s3Client()) {
                Map<String, String> withFaults = Masters.assertMastered(view, s3, dir, Set.of());
                Map<String, String> without = Masters.assertMastered(reference, s3, dir, Set.of());
                assertEquals(without, withFaults, "the masters rendered through the faults are those rendered without");
            }
            System.out.println("S3 faults (seed " + SEED + ") injected: " + injected + "; stem GETs " + stemGets + " for " + 2 * SONGS + " stems");
        }
    }
}
