package io.mixfarm.coordinator.planning;

import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.Phase;
import io.mixfarm.contract.Priority;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.contract.SessionRecord;
import io.mixfarm.contract.StemLocation;
import io.mixfarm.manifest.ManifestLoader;
import io.mixfarm.manifest.Session;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A plan survives its trip through the session record: a restarted coordinator plans the same tasks. */
class SessionPlanTest {

    @Test
    void theExampleAlbumRoundTripsThroughItsSessionRecord() throws Exception {
        Path example = Path.of("../examples/album.yaml");
        Session session = ManifestLoader.load(Files.readString(example), "album.yaml");
        List<List<StemLocation>> stems = new ArrayList<>();
        for (var song : session.songs()) {
            List<StemLocation> locations = new ArrayList<>();
            for (var stem : song.stems()) {
                locations.add(new StemLocation(stem.id(), stem.uri(), (long) stem.uri().length() * 1000,
                        stem.id().equals("kick") ? "ab".repeat(32) : null));
            }
            stems.add(locations);
        }
        SessionPlan plan = new SessionPlan("night-drive-abc", session, S3Uri.parse(session.output()), stems, Priority.BACKFILL);
        assertTrue(plan.albumMode());
        assertEquals(Phase.ANALYZE, plan.firstPhase());

        Instant now = Instant.parse("2025-02-03T04:05:06Z");
        SessionRecord record = new SessionRecord(1, plan.sessionId(), SessionRecord.State.RUNNING, plan.priority(), now, now,
                plan.manifestJson(), plan.output().toString(), true, null, null);
        SessionRecord stored = ContractJson.read(ContractJson.write(record), SessionRecord.class);
        SessionPlan back = SessionPlan.fromRecord(stored);

        assertEquals(plan, back);
        for (int i = 0; i < session.songs().size(); i++) {
            assertEquals(plan.task(i, Phase.MASTER, 2, -3.25, now), back.task(i, Phase.MASTER, 2, -3.25, now));
        }
    }
}
