package io.mixfarm.worker.intake;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OffsetLedgerTest {

    private static final TopicPartition P0 = new TopicPartition("tasks", 0);
    private static final TopicPartition P1 = new TopicPartition("tasks", 1);

    @Test
    void commitsUpToTheLowestUnfinishedOffsetWhenTasksFinishOutOfOrder() {
        OffsetLedger ledger = new OffsetLedger();
        long epoch = ledger.assign(P0);
        for (long offset = 10; offset < 14; offset++) {
            ledger.received(P0, offset);
        }
        assertEquals(Map.of(P0, new OffsetAndMetadata(10)), ledger.committable(), "nothing finished: stay at 10");
        ledger.requested(ledger.committable());
        assertTrue(ledger.finished(P0, epoch, 12));
        assertTrue(ledger.finished(P0, epoch, 13));
        assertTrue(ledger.committable().isEmpty(), "10 and 11 still run: no progress");
        assertTrue(ledger.finished(P0, epoch, 10));
        assertEquals(Map.of(P0, new OffsetAndMetadata(11)), ledger.committable());
        assertTrue(ledger.finished(P0, epoch, 11));
        assertEquals(Map.of(P0, new OffsetAndMetadata(14)), ledger.committable(), "all done: one past the last");
    }

    @Test
    void aFailedCommitIsOfferedAgainAndAnAcknowledgedOneIsNot() {
        OffsetLedger ledger = new OffsetLedger();
        long epoch = ledger.assign(P0);
        ledger.received(P0, 0);
        ledger.finished(P0, epoch, 0);
        Map<TopicPartition, OffsetAndMetadata> offsets = ledger.committable();
        ledger.requested(offsets);
        assertTrue(ledger.committable().isEmpty(), "in flight: not sent twice");
        ledger.commitFailed(offsets);
        assertEquals(offsets, ledger.committable());
        ledger.requested(offsets);
        ledger.committed(offsets);
        assertEquals(1, ledger.committedOffset(P0));
        assertTrue(ledger.committable().isEmpty());
    }

    @Test
    void aTaskOfARevokedAssignmentNeverCommitsForTheNextOne() {
        OffsetLedger ledger = new OffsetLedger();
        long first = ledger.assign(P0);
        ledger.received(P0, 5);
        ledger.revoke(P0);
        long second = ledger.assign(P0);
        assertTrue(second != first);
        ledger.received(P0, 5);
        assertFalse(ledger.finished(P0, first, 5), "the old assignment's task finished late");
        assertEquals(Map.of(P0, new OffsetAndMetadata(5)), ledger.committable(), "offset 5 still unfinished");
        assertTrue(ledger.finished(P0, second, 5));
        assertEquals(Map.of(P0, new OffsetAndMetadata(6)), ledger.committable());
    }

    @Test
    void partitionsAreIndependentAndSubsetsCanBeCommitted() {
        OffsetLedger ledger = new OffsetLedger();
        long e0 = ledger.assign(P0);
        long e1 = ledger.assign(P1);
        ledger.received(P0, 0);
        ledger.received(P1, 7);
        ledger.finished(P1, e1, 7);
        assertEquals(Map.of(P1, new OffsetAndMetadata(8)), ledger.committable(List.of(P1)));
        assertEquals(Map.of(P0, new OffsetAndMetadata(0), P1, new OffsetAndMetadata(8)), ledger.committable());
        assertEquals(1, ledger.pending());
        ledger.finished(P0, e0, 0);
        assertEquals(0, ledger.pending());
        assertTrue(ledger.committable(List.of(new TopicPartition("tasks", 9))).isEmpty(), "unknown partition");
    }
}
