package io.mixfarm.coordinator;

import io.mixfarm.coordinator.settings.CoordinatorSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With S3 away, a submission is not the manifest's fault: 503 and "submit again later", not 422. */
class StorageDownTest {

    @Test
    void aSubmissionWhileS3IsDownIsRefusedAsUnavailable() throws Exception {
        TestFarm farm = TestFarm.get();
        farm.put(TestFarm.STEMS, "down/a.wav", TestAudio.wav(48000, 1, 0.1));
        CoordinatorSettings settings = farm.settings(TestFarm.freshPrefix());
        String manifest = Manifests.yaml("down", false, "s3://masters/down/", List.of(List.of("s3://stems/down/a.wav")));
        try (Coordinator coordinator = Coordinator.start(settings)) {
            assertTrue(coordinator.awaitReady(Duration.ofSeconds(30)));
            ApiClient api = new ApiClient(coordinator.url());
            farm.s3Server().stop();
            ApiClient.Answer refused;
            try {
                refused = api.submitYaml(manifest);
            } finally {
                farm.s3Server().start();
            }
            assertEquals(503, refused.status(), refused.toString());
            assertTrue(refused.raw().headers().firstValue("Retry-After").isPresent());
            assertTrue(refused.body().get("problems").size() >= 1, refused.toString());
            assertEquals(202, api.submitYaml(manifest).status(), "accepted once S3 is back");
        }
    }
}
