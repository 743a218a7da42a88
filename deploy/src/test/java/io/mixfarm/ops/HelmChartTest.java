package io.mixfarm.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import io.mixfarm.contract.Topics;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import io.mixfarm.worker.settings.WorkerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.mixfarm.ops.Manifests.at;
import static io.mixfarm.ops.Manifests.list;
import static io.mixfarm.ops.Manifests.port;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chart lints, its schema refuses bad values, and what it renders agrees with the
 * application's own configuration: ports, probes, environment names, the settings the pods
 * would load and the KEDA trigger.
 */
class HelmChartTest {

    private static final String NAME = "farm-mixfarm";

    @TempDir
    Path dir;

    @Test
    void lintsStrictlyWithTheDefaultAndTheProductionValues() {
        Helm.Result defaults = Helm.run("lint", "--strict", Helm.chart().toString());
        assertEquals(0, defaults.exitCode(), defaults.output());
        Helm.Result production = Helm.run("lint", "--strict", Helm.chart().toString(), "-f", Helm.productionValues().toString());
        assertEquals(0, production.exitCode(), production.output());
    }

    @Test
    void refusesWrongTypesUnknownKeysAndImpossibleScaling() throws Exception {
        assertRefused("kafka:\n  partitions: \"twelve\"\n", "kafka.partitions");
        assertRefused("worker:\n  slotz: 4\n", "slotz");
        assertRefused("colour: blue\n", "colour");
        assertRefused("metrics:\n  serviceMonitor:\n    enabled: \"yes\"\n", "enabled");
        assertRefused("autoscaling:\n  maxReplicas: 13\n", "exceeds kafka.partitions");
        assertRefused("worker:\n  drainDeadlineSeconds: 600\n  terminationGracePeriodSeconds: 620\n", "terminationGracePeriodSeconds");
        assertRefused("kafka:\n  securityProtocol: SASL_SSL\n", "kafka.sasl.existingSecret");
    }

    private void assertRefused(String values, String expectedInMessage) throws Exception {
        Path file = Files.writeString(Files.createTempFile(dir, "bad", ".yaml"), values);
        Helm.Result result = Helm.run("template", "farm", Helm.chart().toString(), "-f", file.toString());
        assertNotEquals(0, result.exitCode(), "helm accepted:\n" + values);
        assertTrue(result.output().contains(expectedInMessage), "for\n" + values + "the message names "
                + expectedInMessage + ":\n" + result.output());
    }

    @Test
    void defaultRenderMatchesTheApplicationsConfiguration() {
        checkConsistency(new Manifests(Helm.template()), new Yaml().load(Repo.read("helm/mixfarm/values.yaml")));
    }

    @Test
    void productionRenderMatchesTheApplicationsConfigurationIncludingSaslAndTls() {
        Manifests rendered = new Manifests(Helm.template(Helm.productionValues()));
        Map<String, Object> values = new Yaml().load(Repo.read("helm/mixfarm/values-production.yaml"));
        Settings settings = checkConsistency(rendered, values);
        for (Map<String, String> client : List.of(settings.coordinator.kafka().clientProperties(),
                settings.worker.kafka().clientProperties())) {
            assertEquals("SASL_SSL", client.get("security.protocol"));
            assertEquals("SCRAM-SHA-512", client.get("sasl.mechanism"));
            assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required "
                    + "username=\"user-from-secret\" password=\"password-from-secret\";", client.get("sasl.jaas.config"));
            assertEquals("/etc/mixfarm/kafka-truststore/truststore.p12", client.get("ssl.truststore.location"));
            assertEquals("truststore-password-from-secret", client.get("ssl.truststore.password"));
        }
        Map<String, Object> worker = rendered.container(NAME + "-worker");
        assertTrue(mountPaths(worker).contains("/etc/mixfarm/kafka-truststore"), "the truststore is mounted");
        Map<String, Object> trigger = Manifests.<Map<String, Object>>list(
                rendered.get("ScaledObject", NAME + "-worker"), "spec", "triggers").get(0);
        assertEquals("scram_sha512", at(trigger, "metadata", "sasl"));
        assertEquals("enable", at(trigger, "metadata", "tls"));
        String auth = at(trigger, "authenticationRef", "name");
        rendered.get("TriggerAuthentication", auth);
        assertEquals("https://s3.storage.example.com", settings.worker.s3().endpoint().toString());
        Map<String, Object> coordinator = rendered.container(NAME + "-coordinator");
        Map<String, Object> token = Manifests.<Map<String, Object>>list(coordinator, "env").stream()
                .filter(e -> "MIXFARM_API_TOKEN".equals(e.get("name"))).findFirst().orElseThrow();
        assertEquals(Map.of("name", "mixfarm-api", "key", "api-token"), at(token, "valueFrom", "secretKeyRef"));
        assertEquals(1, rendered.count("PrometheusRule"));
        assertEquals(1, rendered.count("ServiceMonitor"));
    }

    @Test
    void withoutKedaAPlainHpaScalesTheWorkersWithinThePartitions() throws Exception {
        Path values = Files.writeString(dir.resolve("hpa.yaml"), "autoscaling:\n  keda:\n    enabled: false\n");
        Manifests rendered = new Manifests(Helm.template(values));
        assertEquals(0, rendered.count("ScaledObject"));
        Map<String, Object> hpa = rendered.get("HorizontalPodAutoscaler", NAME + "-worker");
        assertEquals(NAME + "-worker", at(hpa, "spec", "scaleTargetRef", "name"));
        assertTrue((Integer) at(hpa, "spec", "maxReplicas") <= 12);
    }

    @Test
    void theMonitoringToggleEmbedsTheSameRulesAndDashboardAsDeploy() throws Exception {
        Path values = Files.writeString(dir.resolve("monitoring.yaml"),
                "metrics:\n  prometheusRule:\n    enabled: true\n  grafanaDashboard:\n    enabled: true\n");
        Manifests rendered = new Manifests(Helm.template(values));
        Map<String, Object> rules = new Yaml().load(Repo.read("deploy/prometheus/alerts.yml"));
        assertEquals(rules.get("groups"), at(rendered.get("PrometheusRule", NAME), "spec", "groups"));
        String json = at(rendered.get("ConfigMap", NAME + "-dashboard"), "data", "mixfarm.json");
        ObjectMapper mapper = new ObjectMapper();
        assertEquals(mapper.readTree(Repo.read("deploy/grafana/dashboards/mixfarm.json")), mapper.readTree(json));
    }

    /** Both roles' settings as their pods would load them. */
    private record Settings(CoordinatorSettings coordinator, WorkerSettings worker, Config config) {
    }

    private Settings checkConsistency(Manifests rendered, Map<String, Object> values) {
        Map<String, String> coordinatorEnv = at(rendered.get("ConfigMap", NAME + "-coordinator-env"), "data");
        Map<String, String> workerEnv = at(rendered.get("ConfigMap", NAME + "-worker-env"), "data");
        String applicationConf = at(rendered.get("ConfigMap", NAME + "-config"), "data", "application.conf");
        Set<String> chartEnv = Repo.envNamesIn(applicationConf);
        Map<String, Object> coordinator = rendered.container(NAME + "-coordinator");
        Map<String, Object> worker = rendered.container(NAME + "-worker");

        // Every variable the chart sets is one the role's configuration reads.
        assertEnvKnown("coordinator", coordinatorEnv.keySet(), Repo.envNames(Repo.coordinatorReference()), chartEnv);
        assertEnvKnown("coordinator", envNames(coordinator), Repo.envNames(Repo.coordinatorReference()), chartEnv);
        assertEnvKnown("worker", workerEnv.keySet(), Repo.envNames(Repo.workerReference()), chartEnv);
        assertEnvKnown("worker", envNames(worker), Repo.envNames(Repo.workerReference()), chartEnv);

        // The settings each pod loads from that environment and the mounted application.conf.
        Map<String, String> secrets = Map.of("MIXFARM_KAFKA_SASL_USERNAME", "user-from-secret",
                "MIXFARM_KAFKA_SASL_PASSWORD", "password-from-secret",
                "MIXFARM_KAFKA_TRUSTSTORE_PASSWORD", "truststore-password-from-secret",
                "MIXFARM_S3_ACCESS_KEY", "access", "MIXFARM_S3_SECRET_KEY", "secret",
                "MIXFARM_API_TOKEN", "a-token-of-sixteen-or-more", "POD_NAME", "farm-mixfarm-worker-abc12");
        Map<String, String> coordinatorPod = new HashMap<>(secrets);
        coordinatorPod.putAll(coordinatorEnv);
        Map<String, String> workerPod = new HashMap<>(secrets);
        workerPod.putAll(workerEnv);
        Config coordinatorConfig = Repo.load(applicationConf, coordinatorPod);
        Config workerConfig = Repo.load(applicationConf, workerPod);
        CoordinatorSettings c = CoordinatorSettings.fromConfig(coordinatorConfig);
        WorkerSettings w = WorkerSettings.fromConfig(workerConfig);

        Map<String, Object> kafka = at(values, "kafka");
        assertEquals(kafka.get("bootstrapServers"), c.kafka().bootstrapServers());
        assertEquals(kafka.get("bootstrapServers"), w.kafka().bootstrapServers());
        assertEquals(c.kafka().topics(), w.kafka().topics(), "both roles use the same topics");
        Topics topics = w.kafka().topics();
        assertEquals(Topics.withPrefix((String) kafka.get("topicPrefix"), (Integer) kafka.get("partitions"),
                ((Integer) kafka.getOrDefault("replicationFactor", 1)).shortValue()), topics);

        // Ports and probes: the API and health on the coordinator's HTTP port, metrics on the
        // metrics port; the worker's health on its metrics port.
        assertEquals(c.http().port(), port(coordinator, "http"));
        assertEquals(Repo.metricsPort(coordinatorConfig, "mixfarm.coordinator"), port(coordinator, "metrics"));
        assertEquals(Repo.metricsPort(workerConfig, "mixfarm.worker"), port(worker, "metrics"));
        assertProbe(coordinator, "livenessProbe", "/health/live", "http");
        assertProbe(coordinator, "readinessProbe", "/health/ready", "http");
        assertProbe(worker, "livenessProbe", "/health/live", "metrics");
        assertProbe(worker, "readinessProbe", "/health/ready", "metrics");
        assertEquals(List.of("coordinator", "--config", "/etc/mixfarm/conf/application.conf"), coordinator.get("args"));
        assertEquals(List.of("worker", "--config", "/etc/mixfarm/conf/application.conf"), worker.get("args"));
        assertTrue(mountPaths(coordinator).contains("/etc/mixfarm/conf"));
        assertTrue(mountPaths(worker).contains("/etc/mixfarm/conf"));
        assertEquals("/var/lib/mixfarm/scratch", w.scratchDir().toString());
        assertTrue(mountPaths(worker).contains("/var/lib/mixfarm/scratch"), "scratch is a volume");
        Map<String, Object> services = at(rendered.get("Service", NAME + "-coordinator"), "spec");
        assertTrue(list(services, "ports").stream().anyMatch(p -> "metrics".equals(((Map<?, ?>) p).get("targetPort"))));

        // Credentials only come from secrets, and the pods run as the image's user.
        for (Map<String, Object> container : List.of(coordinator, worker)) {
            for (Map<String, Object> env : Manifests.<Map<String, Object>>list(container, "env")) {
                String name = (String) env.get("name");
                if (name.matches(".*(SECRET|PASSWORD|TOKEN|ACCESS_KEY|USERNAME).*")) {
                    assertTrue(env.get("value") == null && at(env, "valueFrom", "secretKeyRef") != null,
                            name + " comes from a secret, never a literal");
                }
            }
        }
        String imageUser = Repo.read("deploy/Dockerfile").lines().filter(l -> l.startsWith("USER "))
                .findFirst().orElseThrow().substring(5).split(":")[0];
        for (String deployment : List.of(NAME + "-coordinator", NAME + "-worker")) {
            Map<String, Object> pod = at(rendered.get("Deployment", deployment), "spec", "template", "spec");
            assertEquals(Integer.parseInt(imageUser), (Integer) at(pod, "securityContext", "runAsUser"), deployment);
        }

        // SIGTERM drains within the grace period.
        int grace = at(rendered.get("Deployment", NAME + "-worker"), "spec", "template", "spec", "terminationGracePeriodSeconds");
        assertTrue(grace >= w.drainDeadline().toSeconds() + 90,
                "grace " + grace + " s leaves the drain (" + w.drainDeadline() + ") time to finish and leave the group");

        // KEDA scales on the worker group's lag on the task topic, never beyond the partitions.
        Map<String, Object> scaled = rendered.get("ScaledObject", NAME + "-worker");
        assertEquals(NAME + "-worker", at(scaled, "spec", "scaleTargetRef", "name"));
        int maxReplicas = at(scaled, "spec", "maxReplicaCount");
        assertTrue(maxReplicas <= topics.partitions(), maxReplicas + " replicas > " + topics.partitions() + " partitions");
        List<Map<String, Object>> triggers = list(scaled, "spec", "triggers");
        assertFalse(triggers.isEmpty());
        Set<String> triggerTopics = new TreeSet<>();
        for (Map<String, Object> trigger : triggers) {
            assertEquals("kafka", trigger.get("type"));
            assertEquals(w.kafka().groupId(), at(trigger, "metadata", "consumerGroup"));
            assertEquals(w.kafka().bootstrapServers(), at(trigger, "metadata", "bootstrapServers"));
            triggerTopics.add(at(trigger, "metadata", "topic"));
        }
        assertEquals(Set.copyOf(topics.allRenderTasks()), triggerTopics, "one trigger per priority class's task topic");
        return new Settings(c, w, workerConfig);
    }

    private static void assertEnvKnown(String role, Set<String> names, Set<String> reference, Set<String> chartConf) {
        for (String name : names) {
            assertTrue(reference.contains(name) || chartConf.contains(name) || Repo.CONTRACT_ENV.contains(name)
                            || name.equals("JAVA_TOOL_OPTIONS"),
                    role + " env " + name + " is read by neither the " + role + "'s reference.conf " + reference
                            + " nor the chart's application.conf " + chartConf);
        }
    }

    private static Set<String> envNames(Map<String, Object> container) {
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> env : Manifests.<Map<String, Object>>list(container, "env")) {
            names.add((String) env.get("name"));
        }
        return names;
    }

    private static Set<String> mountPaths(Map<String, Object> container) {
        Set<String> paths = new TreeSet<>();
        for (Map<String, Object> mount : Manifests.<Map<String, Object>>list(container, "volumeMounts")) {
            paths.add((String) mount.get("mountPath"));
        }
        return paths;
    }

    private static void assertProbe(Map<String, Object> container, String probe, String path, String portName) {
        assertEquals(path, at(container, probe, "httpGet", "path"), probe);
        assertEquals(portName, at(container, probe, "httpGet", "port"), probe);
    }
}
