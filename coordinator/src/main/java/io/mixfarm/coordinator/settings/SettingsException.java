package io.mixfarm.coordinator.settings;

import java.util.List;

/** Settings that cannot work, with every problem found (each names its config path). */
public class SettingsException extends IllegalArgumentException {

    private final List<String> problems;

    public SettingsException(List<String> problems) {
        super("invalid coordinator settings:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
