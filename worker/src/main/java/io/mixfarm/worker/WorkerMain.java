package io.mixfarm.worker;

import io.mixfarm.worker.settings.WorkerSettings;
import io.mixfarm.worker.settings.WorkerSettingsException;

import java.util.concurrent.ExecutionException;

/**
 * Runs one worker with the application's configuration until SIGTERM (the JVM shutdown hook
 * runs the graceful shutdown) or a fatal intake error. Exit code 2 for an invalid configuration,
 * 1 when the worker could not start.
 */
public final class WorkerMain {

    private WorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        WorkerSettings settings;
        try {
            settings = WorkerSettings.load();
        } catch (WorkerSettingsException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Worker worker;
        try {
            worker = Worker.start(settings);
        } catch (RuntimeException e) {
            System.err.println("worker " + settings.workerId() + " did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        try {
            worker.whenTerminated().toCompletableFuture().get();
        } catch (ExecutionException e) {
            System.exit(1);
        }
    }
}
