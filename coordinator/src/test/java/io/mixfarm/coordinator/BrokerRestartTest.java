package io.mixfarm.coordinator;

import io.mixfarm.contract.RenderTask;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import io.mixfarm.embedded.EmbeddedKafka;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broker goes away mid-session and comes back: the coordinator carries on without a restart. */
class BrokerRestartTest {

    @Test
    void theCoordinatorCarriesOnWhenTheBrokerReturns() throws Exception {
        TestFarm farm = TestFarm.get();
        farm.put(TestFarm.STEMS, "broker/a.wav", TestAudio.wav(48000, 1, 0.1));
        try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
            Map<String, Object> own = new HashMap<>(Map.of("kafka.bootstrap-servers", kafka.bootstrapServers()));
            CoordinatorSettings settings = farm.settings(TestFarm.freshPrefix(), own);
            try (Coordinator coordinator = Coordinator.start(settings)) {
                assertTrue(coordinator.awaitReady(Duration.ofSeconds(30)));
                ApiClient api = new ApiClient(coordinator.url());
                String manifest = Manifests.yaml("broker", false, "s3://masters/broker/",
                        List.of(List.of("s3://stems/broker/a.wav"), List.of("s3://stems/broker/a.wav")));
                ApiClient.Answer submitted = api.submitYaml(manifest);
                assertEquals(202, submitted.status(), submitted.toString());
                String id = submitted.body().get("sessionId").asText();

                List<RenderTask> tasks;
                try (WorkerSide worker = new WorkerSide(TestFarmOn.of(kafka), settings.kafka().topics())) {
                    tasks = worker.awaitTasks(2, Duration.ofSeconds(20));
                    worker.send(worker.completion(tasks.get(0), null));
                }
                api.await(SessionFlowTest.path(id), s -> s.get("counts").get("completed").asInt() == 1, Duration.ofSeconds(20));

                kafka.stop();
                Thread.sleep(1500);
                kafka.start();

                try (WorkerSide worker = new WorkerSide(TestFarmOn.of(kafka), settings.kafka().topics())) {
                    worker.send(worker.completion(tasks.get(1), null));
                }
                api.await(SessionFlowTest.path(id), s -> s.get("state").asText().equals("COMPLETED"), Duration.ofSeconds(60));
                assertTrue(coordinator.awaitReady(Duration.ofSeconds(30)), "ready again");
                assertEquals(202, api.submitYaml(manifest).status(), "new sessions are stored again");
            }
        }
    }

    /** The shared farm's S3 with this test's own broker. */
    private static final class TestFarmOn {
        static TestFarm of(EmbeddedKafka kafka) {
            return TestFarm.withKafka(kafka);
        }
    }
}
