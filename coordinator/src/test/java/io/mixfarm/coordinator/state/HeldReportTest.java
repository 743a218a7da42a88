package io.mixfarm.coordinator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.Phase;
import io.mixfarm.contract.SongRecord;
import io.mixfarm.coordinator.planning.TestSessions;
import io.mixfarm.manifest.Song;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a song keeps of its report: the same JSON, compact; a very large one is left to storage. */
class HeldReportTest {

    private static SongState song() {
        Song song = TestSessions.album(1, "{albumMode: false}").songs().get(0);
        return new SongState(0, song, new SongRecord(1, "sess", song.id(), null, Phase.FULL, 1, null,
                Instant.EPOCH, SongRecord.Status.WAITING, List.of(), null));
    }

    @Test
    void aHeldReportIsWrittenAsTheSameJsonAndItsLengthIsKept() throws Exception {
        ObjectNode report = ContractJson.mapper().createObjectNode();
        report.put("durationSeconds", 181.5);
        report.putObject("output").put("integratedLufs", -14.02).put("truePeakDbtp", -1.1);
        report.putArray("values").add(1.5).add(-2.25).addNull();
        SongState song = song();
        song.keepReport(report);
        assertTrue(song.hasReport());
        assertEquals(181.5, song.durationSeconds);
        JsonNode written = ContractJson.mapper().readTree(ContractJson.mapper().writeValueAsBytes(song.reportNode()));
        assertEquals(report, written);
    }

    @Test
    void aReportLargerThanTheLimitIsNotHeldAndCountsAsHeldElsewhere() {
        ObjectNode report = ContractJson.mapper().createObjectNode();
        report.put("durationSeconds", 3600.0);
        var values = report.putArray("values");
        while (values.size() * 8 <= SongState.MAX_HELD_REPORT_BYTES) {
            values.add(-23.456789);
        }
        SongState song = song();
        song.keepReport(report);
        assertNull(song.reportNode(), "the album report reads it back from storage");
        assertTrue(song.hasReport(), "a re-read completion does not try to hold it again");
        assertEquals(3600.0, song.durationSeconds);
    }
}
