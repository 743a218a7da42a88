package io.mixfarm.coordinator.planning;

import io.mixfarm.contract.Priority;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.coordinator.Manifests;
import io.mixfarm.coordinator.TestAudio;
import io.mixfarm.coordinator.TestFarm;
import io.mixfarm.coordinator.probe.StemProber;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import io.mixfarm.coordinator.storage.ObjectStore;
import io.mixfarm.manifest.ManifestProblem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where outputs go, and session ids, decided at admission (stems probed on the real S3 endpoint). */
class AdmissionTest {

    private static ObjectStore store;
    private static StemProber prober;

    @BeforeAll
    static void start() {
        TestFarm farm = TestFarm.get();
        farm.put(TestFarm.STEMS, "admission/a.wav", TestAudio.wav(44100, 2, 0.1));
        CoordinatorSettings settings = farm.settings(TestFarm.freshPrefix());
        store = ObjectStore.create(settings.s3(), 4);
        prober = new StemProber(store, settings.probe());
    }

    @AfterAll
    static void stop() {
        prober.close();
        store.close();
    }

    private static String manifest(String output) {
        return Manifests.yaml("adm", false, output, List.of(List.of("s3://stems/admission/a.wav")));
    }

    @Test
    void aRelativeOutputGoesUnderTheOutputBase() {
        Admission admission = new Admission(prober, Optional.of(S3Uri.parse("s3://masters/base/")), () -> "x1");
        SessionPlan plan = admission.admit(manifest("albums/first"), "m", Priority.BACKFILL);
        assertEquals("s3://masters/base/albums/first/", plan.output().toString());
        assertEquals(plan.output().toString(), plan.session().output(), "the stored manifest names the resolved output");
        assertEquals("adm-x1", plan.sessionId());
        assertEquals(Priority.BACKFILL, plan.priority());
    }

    @Test
    void withoutABaseOrWithDotDotARelativeOutputIsAProblem() {
        Admission none = new Admission(prober, Optional.empty(), () -> "x");
        AdmissionException e = assertThrows(AdmissionException.class, () -> none.admit(manifest("albums/first"), "m", Priority.NORMAL));
        assertEquals(AdmissionException.Reason.INVALID, e.reason());
        assertEquals(List.of("output"), e.problems().stream().map(ManifestProblem::path).toList());
        assertTrue(e.problems().get(0).message().contains("local directory"));

        Admission based = new Admission(prober, Optional.of(S3Uri.parse("s3://masters/base/")), () -> "x");
        AdmissionException up = assertThrows(AdmissionException.class, () -> based.admit(manifest("../elsewhere"), "m", Priority.NORMAL));
        assertTrue(up.problems().get(0).message().contains("'..'"), up.problems().toString());
    }

    @Test
    void theStemSizeFromHeadGoesIntoThePlan() {
        Admission admission = new Admission(prober, Optional.empty(), () -> "x");
        SessionPlan plan = admission.admit(manifest("s3://masters/adm/"), "m", Priority.NORMAL);
        assertEquals(TestAudio.wav(44100, 2, 0.1).length, plan.stems().get(0).get(0).bytes());
    }
}
