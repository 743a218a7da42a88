package io.mixfarm.worker.settings;

import java.util.List;

/** The worker's configuration is unusable; the message lists every problem with its path. */
public class WorkerSettingsException extends IllegalArgumentException {

    private final List<String> problems;

    public WorkerSettingsException(List<String> problems) {
        super("invalid worker configuration:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, each starting with the configuration path. */
    public List<String> problems() {
        return problems;
    }
}
