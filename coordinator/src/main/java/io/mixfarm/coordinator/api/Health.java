package io.mixfarm.coordinator.api;

import java.util.Map;

/** What the health endpoints report. */
public interface Health {

    /** False when the process cannot recover by itself (e.g. fenced by a newer coordinator): restart it. */
    boolean live();

    /**
     * Each readiness check by name ({@code kafka}, {@code state}, ...) and whether it passes; the
     * coordinator is ready when all pass.
     */
    Map<String, Boolean> readiness();
}
