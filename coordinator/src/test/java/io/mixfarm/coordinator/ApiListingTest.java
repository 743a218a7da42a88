package io.mixfarm.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session list (paging, state filter), the health endpoints and bearer-token authentication. */
class ApiListingTest {

    private static final String TOKEN = "a-test-token-0123456789";
    private static final int SESSIONS = 5;
    private static TestFarm farm;
    private static Coordinator coordinator;
    private static ApiClient api;
    private static final List<String> ids = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        farm = TestFarm.get();
        farm.put(TestFarm.STEMS, "list/a.wav", TestAudio.wav(48000, 1, 0.1));
        CoordinatorSettings settings = farm.settings(TestFarm.freshPrefix(), Map.of("api-token", TOKEN));
        coordinator = TestFarm.startReady(settings);
        api = new ApiClient(coordinator.url(), TOKEN);
        for (int i = 0; i < SESSIONS; i++) {
            ApiClient.Answer a = api.submitYaml(Manifests.yaml("list-" + i, false, "s3://masters/list/" + i + "/",
                    List.of(List.of("s3://stems/list/a.wav"))));
            assertEquals(202, a.status(), a.toString());
            ids.add(a.body().get("sessionId").asText());
        }
        try (WorkerSide worker = new WorkerSide(farm, settings.kafka().topics())) {
            // Complete the first two sessions, as a worker would.
            for (RenderTask t : worker.awaitTasks(SESSIONS, Duration.ofSeconds(20))) {
                if (t.sessionId().equals(ids.get(0)) || t.sessionId().equals(ids.get(1))) {
                    worker.send(worker.completion(t, null));
                }
            }
        }
        for (String id : ids.subList(0, 2)) {
            api.await("/api/v1/sessions/" + id, s -> s.get("state").asText().equals("COMPLETED"), Duration.ofSeconds(20));
        }
    }

    @AfterAll
    static void stop() {
        coordinator.close();
    }

    @Test
    void pagesRunNewestFirstAndCursorsContinueWhereThePageEnded() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ApiClient.Answer page = api.get("/api/v1/sessions?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, page.status(), page.toString());
            page.body().get("sessions").forEach(s -> seen.add(s.get("sessionId").asText()));
            assertTrue(page.body().get("sessions").size() <= 2);
            cursor = page.body().hasNonNull("nextCursor") ? page.body().get("nextCursor").asText() : null;
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        List<String> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, seen, "every session once, newest first");
    }

    @Test
    void theStateFilterKeepsOnlySessionsInThoseStates() {
        JsonNode completed = api.get("/api/v1/sessions?state=completed").body();
        assertEquals(2, completed.get("sessions").size());
        completed.get("sessions").forEach(s -> {
            assertEquals("COMPLETED", s.get("state").asText());
            assertEquals(1, s.get("songs").get("completed").asInt());
        });
        assertNull(completed.get("nextCursor"));
        JsonNode open = api.get("/api/v1/sessions?state=ACCEPTED,RENDERING").body();
        assertEquals(SESSIONS - 2, open.get("sessions").size());
        JsonNode one = api.get("/api/v1/sessions?state=accepted&limit=1").body();
        assertEquals(1, one.get("sessions").size());
        assertFalse(one.get("nextCursor").asText().isEmpty());
    }

    @Test
    void badQueriesAreRefusedWithTheParameterAsPath() {
        ApiClient.Answer a = api.get("/api/v1/sessions?limit=0&state=bogus&cursor=%21%21");
        assertEquals(400, a.status(), a.toString());
        List<String> paths = new ArrayList<>();
        a.body().get("problems").forEach(p -> paths.add(p.get("path").asText()));
        assertEquals(List.of("state", "limit", "cursor"), paths);
        assertEquals(400, api.get("/api/v1/sessions?limit=501").status());
    }

    @Test
    void healthEndpointsNeedNoTokenAndSayWhatIsReady() {
        ApiClient anonymous = new ApiClient(coordinator.url());
        ApiClient.Answer live = anonymous.get("/health/live");
        assertEquals(200, live.status());
        assertEquals("UP", live.body().get("status").asText());
        ApiClient.Answer ready = anonymous.get("/health/ready");
        assertEquals(200, ready.status(), ready.toString());
        assertEquals("READY", ready.body().get("status").asText());
        assertTrue(ready.body().get("checks").get("kafka").asBoolean());
        assertTrue(ready.body().get("checks").get("state").asBoolean());
    }

    @Test
    void theApiWantsTheBearerToken() {
        ApiClient.Answer none = new ApiClient(coordinator.url()).get("/api/v1/sessions");
        assertEquals(401, none.status());
        assertTrue(none.raw().headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertTrue(none.body().get("error").asText().contains("Authorization: Bearer"));
        ApiClient.Answer wrong = new ApiClient(coordinator.url(), TOKEN + "x").get("/api/v1/sessions/" + ids.get(0));
        assertEquals(401, wrong.status());
        assertFalse(wrong.body().toString().contains(TOKEN), "the token is never echoed");
        assertEquals(401, new ApiClient(coordinator.url()).post("/api/v1/sessions", "application/yaml", new byte[] {'a'}).status());
        ApiClient anonymous = new ApiClient(coordinator.url());
        assertEquals(401, anonymous.post("/api/v1/sessions/" + ids.get(2) + "/cancel").status(), "control needs it too");
        assertEquals(401, anonymous.post("/api/v1/sessions/" + ids.get(2) + "/retry").status());
        assertEquals(401, new ApiClient(coordinator.url(), "").get("/api/v1/sessions").status(), "an empty token");
        assertEquals(200, anonymous.get("/health/live").status(), "health stays open");
        assertEquals(200, anonymous.get("/health/ready").status());
    }
}
