package io.mixfarm.coordinator.planning;

import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.Phase;
import io.mixfarm.contract.Priority;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.SessionRecord;
import io.mixfarm.coordinator.TestAudio;
import io.mixfarm.coordinator.TestFarm;
import io.mixfarm.coordinator.probe.StemProber;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import io.mixfarm.coordinator.storage.ObjectStore;
import io.mixfarm.manifest.ManifestProblem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Songs with a finished source: probed at admission like stems, planned as one task location. */
class SourceAdmissionTest {

    private static ObjectStore store;
    private static StemProber prober;

    @BeforeAll
    static void start() {
        TestFarm farm = TestFarm.get();
        farm.put(TestFarm.STEMS, "sources/master.wav", TestAudio.wav(44100, 2, 0.1));
        farm.put(TestFarm.STEMS, "sources/notes.wav", "not audio at all".getBytes(StandardCharsets.UTF_8));
        CoordinatorSettings settings = farm.settings(TestFarm.freshPrefix());
        store = ObjectStore.create(settings.s3(), 4);
        prober = new StemProber(store, settings.probe());
    }

    @AfterAll
    static void stop() {
        prober.close();
        store.close();
    }

    private static String manifest(String job, String... sources) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: mixfarm/v1
                kind: Session
                id: src
                title: Sources
                artist: Various
                sampleRate: 44100
                output: s3://masters/src/
                """);
        if (job != null) {
            yaml.append("job: ").append(job).append('\n');
        }
        yaml.append("songs:\n");
        for (int i = 0; i < sources.length; i++) {
            yaml.append("  - {id: s").append(i).append(", title: S").append(i).append(", source: \"")
                    .append(sources[i]).append("\"}\n");
        }
        return yaml.toString();
    }

    @Test
    void aSourceIsProbedAndBecomesTheSongsOneLocationThroughTheSessionRecord() throws Exception {
        Admission admission = new Admission(prober, Optional.empty(), () -> "x");
        SessionPlan plan = admission.admit(manifest(null, "s3://stems/sources/master.wav"), "m", Priority.NORMAL);
        assertEquals(Phase.FULL, plan.firstPhase());
        assertEquals(1, plan.stems().get(0).size());
        assertEquals(RenderTask.SOURCE_ID, plan.stems().get(0).get(0).stemId());
        assertEquals((long) TestAudio.wav(44100, 2, 0.1).length, plan.stems().get(0).get(0).bytes());

        Instant now = Instant.parse("2025-02-03T04:05:06Z");
        SessionRecord record = new SessionRecord(1, plan.sessionId(), SessionRecord.State.RUNNING, plan.priority(), now,
                now, plan.manifestJson(), plan.output().toString(), false, null, null);
        SessionPlan back = SessionPlan.fromRecord(ContractJson.read(ContractJson.write(record), SessionRecord.class));
        assertEquals(plan, back);
        assertEquals(plan.task(0, Phase.FULL, 1, null, now), back.task(0, Phase.FULL, 1, null, now));
    }

    @Test
    void anAnalyzeJobRunsOneMeasurePhaseEvenInAlbumMode() {
        Admission admission = new Admission(prober, Optional.empty(), () -> "x");
        SessionPlan plan = admission.admit(manifest("analyze", "s3://stems/sources/master.wav"), "m", Priority.NORMAL);
        assertTrue(plan.analyzeOnly());
        assertEquals(Phase.MEASURE, plan.firstPhase());
        assertEquals(Phase.MEASURE, plan.finalPhase());
        assertTrue(plan.runs(Phase.MEASURE) && !plan.runs(Phase.FULL) && !plan.runs(Phase.ANALYZE));
        assertEquals(false, plan.albumMode());
    }

    @Test
    void unreadableOrMissingSourcesAreProblemsAtTheirPath() {
        Admission admission = new Admission(prober, Optional.empty(), () -> "x");
        AdmissionException e = assertThrows(AdmissionException.class, () -> admission.admit(manifest(null,
                "s3://stems/sources/notes.wav", "s3://stems/sources/gone.flac", "local/file.wav"), "m", Priority.NORMAL));
        assertEquals(AdmissionException.Reason.INVALID, e.reason());
        assertEquals(List.of("songs[0].source", "songs[1].source", "songs[2].source"),
                e.problems().stream().map(ManifestProblem::path).toList(), e.problems().toString());
        assertTrue(e.problems().get(2).message().contains("is a local path"), e.problems().toString());
    }
}
