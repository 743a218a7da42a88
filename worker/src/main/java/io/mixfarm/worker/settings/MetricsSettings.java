package io.mixfarm.worker.settings;

/**
 * The worker's own HTTP port: Prometheus metrics and the health probes.
 *
 * @param port 0 binds any free port (several workers in one JVM, tests); see {@code Worker.metricsPort()}
 * @param path where the Prometheus text is served, e.g. {@code /metrics}; the probes are always
 *             {@code /health/live} and {@code /health/ready}
 */
public record MetricsSettings(int port, String path) {
}
