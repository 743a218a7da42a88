package io.mixfarm.worker.intake;

import io.mixfarm.contract.Priority;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Chooses which class a free render slot serves: the highest class with work waiting, except
 * that a waiting class passed over {@code maxPassed} times in a row gets the slot (the lowest such
 * class first). Under steady urgent or normal load a waiting backfill thus gets at least one slot
 * in {@code maxPassed + 1}: slowed, never starved. Not thread-safe (the intake thread owns it).
 */
final class PriorityPicker {

    /** Hand-outs to higher classes a waiting class lets pass before it takes a slot itself. */
    static final int DEFAULT_MAX_PASSED = 4;

    private final int maxPassed;
    private final Map<Priority, Integer> passed = new EnumMap<>(Priority.class);

    PriorityPicker(int maxPassed) {
        if (maxPassed < 1) {
            throw new IllegalArgumentException("maxPassed is " + maxPassed + "; at least 1");
        }
        this.maxPassed = maxPassed;
    }

    /** The class the next slot serves, among those with work {@code waiting} (not empty). */
    Priority pick(Set<Priority> waiting) {
        Priority chosen = null;
        for (Priority p : Priority.values()) {
            if (waiting.contains(p) && passed.getOrDefault(p, 0) >= maxPassed) {
                chosen = p; // the lowest starved class wins: it has waited longest relative to its share
            }
        }
        if (chosen == null) {
            chosen = waiting.stream().min(Enum::compareTo).orElseThrow(() -> new IllegalArgumentException("nothing waits"));
        }
        for (Priority p : Priority.values()) {
            if (p == chosen || !waiting.contains(p)) {
                passed.remove(p); // served, or nothing to serve: no debt
            } else if (p.compareTo(chosen) > 0) {
                passed.merge(p, 1, Integer::sum);
            }
        }
        return chosen;
    }
}
