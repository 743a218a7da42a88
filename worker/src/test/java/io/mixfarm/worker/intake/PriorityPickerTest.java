package io.mixfarm.worker.intake;

import io.mixfarm.contract.Priority;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PriorityPickerTest {

    private static final Set<Priority> ALL = EnumSet.allOf(Priority.class);

    @Test
    void theHighestWaitingClassIsServedFirst() {
        PriorityPicker picker = new PriorityPicker(4);
        assertEquals(Priority.URGENT, picker.pick(ALL));
        assertEquals(Priority.NORMAL, picker.pick(EnumSet.of(Priority.NORMAL, Priority.BACKFILL)));
        assertEquals(Priority.BACKFILL, picker.pick(EnumSet.of(Priority.BACKFILL)));
    }

    @Test
    void aWaitingBackfillGetsOneSlotInFiveUnderSteadyUrgentLoad() {
        PriorityPicker picker = new PriorityPicker(4);
        Map<Priority, Integer> served = new EnumMap<>(Priority.class);
        StringBuilder order = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            Priority p = picker.pick(EnumSet.of(Priority.URGENT, Priority.BACKFILL));
            served.merge(p, 1, Integer::sum);
            order.append(p == Priority.URGENT ? 'U' : 'B');
        }
        assertEquals(20, served.get(Priority.BACKFILL), order.toString());
        assertEquals("UUUUBUUUUB", order.substring(0, 10));
    }

    @Test
    void noClassWaitsLongerThanItsBoundWhenAllThreeWait() {
        PriorityPicker picker = new PriorityPicker(4);
        Map<Priority, Integer> lastServed = new EnumMap<>(Priority.class);
        Map<Priority, Integer> longestGap = new EnumMap<>(Priority.class);
        for (int i = 0; i < 300; i++) {
            Priority p = picker.pick(ALL);
            longestGap.merge(p, i - lastServed.getOrDefault(p, -1), Math::max);
            lastServed.put(p, i);
        }
        // picks until served again: 4 passes, its turn, and one more when the other lower class
        // takes its turn first (counted from before the first pick)
        assertTrue(longestGap.get(Priority.NORMAL) <= 7, longestGap.toString());
        assertTrue(longestGap.get(Priority.BACKFILL) <= 7, longestGap.toString());
        assertTrue(longestGap.get(Priority.URGENT) <= 3, longestGap.toString());
    }

    @Test
    void aClassThatStopsWaitingLosesItsClaim() {
        PriorityPicker picker = new PriorityPicker(2);
        picker.pick(EnumSet.of(Priority.URGENT, Priority.BACKFILL));
        picker.pick(EnumSet.of(Priority.URGENT, Priority.BACKFILL));
        picker.pick(EnumSet.of(Priority.URGENT)); // backfill had nothing waiting: its count starts over
        assertEquals(Priority.URGENT, picker.pick(EnumSet.of(Priority.URGENT, Priority.BACKFILL)));
        assertEquals(Priority.URGENT, picker.pick(EnumSet.of(Priority.URGENT, Priority.BACKFILL)));
        assertEquals(Priority.BACKFILL, picker.pick(EnumSet.of(Priority.URGENT, Priority.BACKFILL)));
    }
}
