package io.mixfarm.contract;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.Locale;
import java.util.Optional;

/**
 * Scheduling class of a session. Each class has its own render-tasks topic
 * ({@link Topics#renderTasks(Priority)}); a worker with a free slot takes the highest class that
 * has work waiting, but a waiting lower class gets a slot after a bounded number of higher ones,
 * so a catalogue backfill is slowed, never starved.
 */
public enum Priority {
    /** A release that must go out first. */
    URGENT,
    NORMAL,
    /** Catalogue work that may wait. */
    BACKFILL;

    /** The lower-case name used in the API and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The class named {@code text} (any case); {@code high} and {@code low}, the names of an
     * earlier version, mean URGENT and BACKFILL.
     */
    public static Optional<Priority> parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        return switch (t) {
            case "URGENT", "HIGH" -> Optional.of(URGENT);
            case "NORMAL" -> Optional.of(NORMAL);
            case "BACKFILL", "LOW" -> Optional.of(BACKFILL);
            default -> Optional.empty();
        };
    }

    /** Reads a message's priority; a class this reader does not know (a newer writer's) is NORMAL. */
    @JsonCreator
    static Priority fromJson(String text) {
        return parse(text).orElse(NORMAL);
    }
}
