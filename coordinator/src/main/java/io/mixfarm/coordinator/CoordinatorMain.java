package io.mixfarm.coordinator;

import io.mixfarm.coordinator.settings.CoordinatorSettings;
import io.mixfarm.coordinator.settings.SettingsException;

import java.util.concurrent.CountDownLatch;

/**
 * Runs a coordinator from configuration ({@code reference.conf}, {@code application.conf},
 * system properties, environment) until the JVM is asked to stop.
 */
public final class CoordinatorMain {

    private CoordinatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        CoordinatorSettings settings;
        try {
            settings = CoordinatorSettings.load();
        } catch (SettingsException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Coordinator coordinator = Coordinator.start(settings);
        System.out.println("Mixfarm coordinator listening on " + coordinator.url());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            coordinator.close();
            stopped.countDown();
        }, "mixfarm-coordinator-shutdown"));
        stopped.await();
    }
}
