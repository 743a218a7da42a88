package io.mixfarm.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mixfarm.cli.FarmCli;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import io.mixfarm.worker.settings.WorkerSettings;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.mixfarm.ops.Manifests.at;
import static io.mixfarm.ops.Manifests.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/ agrees with the build and the application: the Dockerfile copies the jar the build
 * makes and exposes the configured ports, compose sets only settings the roles read (and they
 * load), Prometheus scrapes every role on its metrics port, the dashboard and the alert rules use
 * only the contract's metrics (and the rules fire when they should), and the chart's copies of
 * the dashboard and rules are identical to deploy/'s.
 */
class DeployAssetsTest {

    private static final Set<String> ROLES = Set.of("coordinator", "worker", "standalone");

    private static Set<String> farmCommands() {
        return new CommandLine(new FarmCli()).getSubcommands().keySet();
    }

    private static Config coordinatorDefaults() {
        return Repo.load("", Map.of());
    }

    @Test
    void dockerfileBuildsEveryModuleAndRunsTheJarTheBuildMakes() {
        String dockerfile = Repo.read("deploy/Dockerfile");
        assertTrue(dockerfile.contains("FROM maven:3.9-eclipse-temurin-17 AS build"), "Maven build stage");
        assertTrue(dockerfile.contains("FROM eclipse-temurin:17-jre"), "JRE 17 runtime stage");
        String pom = Repo.read("pom.xml");
        List<String> modules = all(Pattern.compile("<module>([^<]+)</module>"), pom);
        assertFalse(modules.isEmpty());
        for (String module : modules) {
            assertTrue(dockerfile.contains("COPY " + module + "/pom.xml " + module + "/"), "pom of " + module + " in the dependency layer");
            assertTrue(dockerfile.contains("COPY " + module + "/src " + module + "/src"), "sources of " + module);
        }
        // The dependency layer comes before any source.
        int dependencies = dockerfile.indexOf(":go-offline -DexcludeGroupIds=io.mixfarm");
        assertTrue(dependencies > 0 && dependencies < dockerfile.indexOf("/src "), "dependencies cached before sources");

        String workdir = all(Pattern.compile("(?m)^WORKDIR (\\S+)"), dockerfile).get(0);
        String finalName = one(Pattern.compile("<finalName>([^<]+)</finalName>"), Repo.read("deploy/pom.xml"));
        Matcher copy = Pattern.compile("(?m)^COPY --from=build (\\S+) (\\S+)").matcher(dockerfile);
        assertTrue(copy.find(), "the runtime stage copies the jar");
        assertEquals(workdir + "/deploy/target/" + finalName + ".jar", copy.group(1), "the jar `mvn package -pl deploy` makes");
        String entrypoint = one(Pattern.compile("(?m)^ENTRYPOINT (\\[.*])"), dockerfile);
        assertTrue(entrypoint.contains("\"-jar\", \"" + copy.group(2) + "\""), entrypoint);
        assertTrue(entrypoint.contains("MaxRAMPercentage") && entrypoint.contains("ExitOnOutOfMemoryError"), entrypoint);

        String user = one(Pattern.compile("(?m)^USER (\\d+)"), dockerfile);
        assertTrue(Integer.parseInt(user) > 0, "runs as a numeric non-root user");

        Config defaults = coordinatorDefaults();
        Set<Integer> ports = new TreeSet<>();
        for (String port : one(Pattern.compile("(?m)^EXPOSE (.+)$"), dockerfile).trim().split("\\s+")) {
            ports.add(Integer.parseInt(port));
        }
        Set<Integer> configured = new TreeSet<>(List.of(defaults.getInt("mixfarm.coordinator.http.port"),
                Repo.metricsPort(defaults, "mixfarm.coordinator"), Repo.metricsPort(defaults, "mixfarm.worker")));
        assertEquals(configured, ports, "EXPOSE lists the API port and the metrics ports of reference.conf");

        String scratch = one(Pattern.compile("(?m)^ENV MIXFARM_WORKER_SCRATCH_DIR=(\\S+)"), dockerfile);
        assertTrue(Repo.envNames(Repo.workerReference()).contains("MIXFARM_WORKER_SCRATCH_DIR"));
        assertTrue(dockerfile.contains("mkdir -p /opt/mixfarm " + scratch), "the scratch directory exists");
        assertTrue(farmCommands().containsAll(ROLES), "roles " + ROLES + " are farm subcommands: " + farmCommands());
        String ignore = Repo.read(".dockerignore");
        assertTrue(ignore.contains("**/target/") && ignore.contains(".git"), ".dockerignore keeps build output and git out");
        assertFalse(ignore.lines().anyMatch(l -> l.equals("**/src") || l.equals("*.xml")), "sources stay in the context");
    }

    @Test
    void composeSetsOnlySettingsTheRolesReadAndTheyLoad() {
        Map<String, Object> compose = new Yaml().load(Repo.read("deploy/compose.yaml"));
        Map<String, Map<String, Object>> services = at(compose, "services");
        for (String service : List.of("kafka", "minio", "coordinator", "worker-1", "worker-2", "prometheus", "grafana")) {
            assertTrue(services.containsKey(service), "service " + service);
        }
        Set<String> workerIds = new HashSet<>();
        List<String> farmServices = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> entry : services.entrySet()) {
            Map<String, Object> service = entry.getValue();
            if (!"mixfarm:dev".equals(service.get("image"))) {
                continue;
            }
            farmServices.add(entry.getKey());
            assertEquals("deploy/Dockerfile", at(service, "build", "dockerfile"));
            List<String> command = list(service, "command");
            String role = command.get(0);
            assertTrue(farmCommands().contains(role), entry.getKey() + ": `farm " + role + "` exists");
            Map<String, Object> raw = at(service, "environment");
            Map<String, String> env = new HashMap<>();
            raw.forEach((k, v) -> env.put(k, String.valueOf(v).replace("${MIXFARM_API_TOKEN:-}", "")));
            Config config = Repo.load("", env);
            if (role.equals("coordinator")) {
                assertKnown(entry.getKey(), env.keySet(), Repo.envNames(Repo.coordinatorReference()));
                CoordinatorSettings c = CoordinatorSettings.fromConfig(config);
                assertEquals(List.of(c.http().port() + ":" + c.http().port()), list(service, "ports"));
                assertBrokerAndStore(services, c.kafka().bootstrapServers(), c.s3().endpoint().orElseThrow());
                assertEquals(9404, Repo.metricsPort(config, "mixfarm.coordinator"), "Prometheus scrapes 9404");
            } else {
                assertEquals("worker", role);
                assertKnown(entry.getKey(), env.keySet(), Repo.envNames(Repo.workerReference()));
                WorkerSettings w = WorkerSettings.fromConfig(config);
                assertTrue(workerIds.add(w.workerId()), "worker ids are distinct: " + w.workerId());
                assertBrokerAndStore(services, w.kafka().bootstrapServers(), w.s3().endpoint());
                Duration grace = duration((String) service.get("stop_grace_period"));
                assertTrue(grace.compareTo(w.drainDeadline().plusSeconds(90)) >= 0, entry.getKey() + ": stop_grace_period "
                        + grace + " covers the drain deadline " + w.drainDeadline() + " and the shutdown after it (90 s)");
                assertEquals(9404, Repo.metricsPort(config, "mixfarm.worker"), "Prometheus scrapes 9404");
            }
        }
        assertEquals(2, workerIds.size(), "two workers");
        assertEquals(3, farmServices.size(), farmServices.toString());
    }

    private static void assertBrokerAndStore(Map<String, Map<String, Object>> services, String bootstrap, URI s3) {
        String advertised = at(services.get("kafka"), "environment", "KAFKA_ADVERTISED_LISTENERS");
        assertEquals("PLAINTEXT://" + bootstrap, advertised, "the broker's advertised listener");
        assertTrue(services.containsKey(s3.getHost()) && s3.getPort() == 9000, "S3 is the minio service: " + s3);
    }

    private static void assertKnown(String service, Set<String> names, Set<String> reference) {
        for (String name : names) {
            assertTrue(reference.contains(name) || Repo.CONTRACT_ENV.contains(name),
                    service + ": " + name + " is not read by its reference.conf " + reference);
        }
    }

    @Test
    void prometheusScrapesEveryRoleOnItsMetricsPortAndLoadsTheRules() {
        Map<String, Object> prometheus = new Yaml().load(Repo.read("deploy/prometheus/prometheus.yml"));
        Map<String, Object> compose = new Yaml().load(Repo.read("deploy/compose.yaml"));
        Map<String, Map<String, Object>> services = at(compose, "services");
        Config defaults = coordinatorDefaults();
        Map<String, Set<String>> targetsByRole = new HashMap<>();
        for (Map<String, Object> job : Manifests.<Map<String, Object>>list(prometheus, "scrape_configs")) {
            assertEquals("/metrics", job.get("metrics_path"));
            assertEquals(Boolean.TRUE, job.get("honor_labels"), "keep the meters' application tag");
            for (Map<String, Object> group : Manifests.<Map<String, Object>>list(job, "static_configs")) {
                String role = at(group, "labels", "application");
                for (String target : Manifests.<String>list(group, "targets")) {
                    targetsByRole.computeIfAbsent(role, r -> new TreeSet<>()).add(target);
                }
            }
        }
        Set<String> expectedWorkers = new TreeSet<>();
        String expectedCoordinator = null;
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            Object command = service.getValue().get("command");
            if (List.of("worker").equals(command)) {
                expectedWorkers.add(service.getKey() + ":" + Repo.metricsPort(defaults, "mixfarm.worker"));
            } else if (List.of("coordinator").equals(command)) {
                expectedCoordinator = service.getKey() + ":" + Repo.metricsPort(defaults, "mixfarm.coordinator");
            }
        }
        assertEquals(Map.of("coordinator", Set.of(expectedCoordinator), "worker", expectedWorkers), targetsByRole);
        assertEquals(List.of("alerts.yml"), list(prometheus, "rule_files"));
        List<String> volumes = list(services.get("prometheus"), "volumes");
        assertTrue(volumes.contains("./prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro"), volumes.toString());
        Promtool.succeed(Repo.root().resolve("deploy/prometheus"), "check", "config", "prometheus.yml");
    }

    @Test
    void alertRulesAreValidUseOnlyContractMetricsAndFireWhenTheyShould() {
        Map<String, Object> rules = new Yaml().load(Repo.read("deploy/prometheus/alerts.yml"));
        Set<String> alerts = new TreeSet<>();
        for (Map<String, Object> group : Manifests.<Map<String, Object>>list(rules, "groups")) {
            for (Map<String, Object> rule : Manifests.<Map<String, Object>>list(group, "rules")) {
                alerts.add((String) rule.get("alert"));
                assertPromised("alert " + rule.get("alert"), (String) rule.get("expr"));
            }
        }
        assertEquals(Set.of("MixfarmCoordinatorDown", "MixfarmWorkerDown", "MixfarmNoWorkersWithSongsPending",
                "MixfarmTaskLagGrowingWithoutProgress", "MixfarmTaskFailureRatioHigh", "MixfarmDeadLettersGrowing",
                "MixfarmRenderP95AboveNormal"), alerts);
        var dir = Repo.root().resolve("deploy/prometheus");
        Promtool.succeed(dir, "check", "rules", "alerts.yml");
        // Every alert is exercised: it fires on its synthetic series and stays quiet otherwise.
        String tests = Repo.read("deploy/prometheus/alerts-test.yml");
        for (String alert : alerts) {
            assertTrue(tests.contains("alertname: " + alert), "alerts-test.yml covers " + alert);
        }
        Promtool.succeed(dir, "test", "rules", "alerts-test.yml");
    }

    @Test
    void dashboardShowsWhatOperatorsNeedWithContractMetricsOnly() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Repo.read("deploy/grafana/dashboards/mixfarm.json"));
        assertEquals("mixfarm", dashboard.get("uid").asText());
        Set<String> used = new TreeSet<>();
        int panels = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            if (panel.get("type").asText().equals("row")) {
                continue;
            }
            panels++;
            assertTrue(panel.get("targets").size() > 0, "panel " + panel.get("title") + " has a query");
            for (JsonNode target : panel.get("targets")) {
                String expr = target.get("expr").asText();
                assertPromised("panel " + panel.get("title"), expr);
                used.addAll(MetricsContract.namesIn(expr));
            }
        }
        assertTrue(panels >= 12, panels + " panels");
        // The list: songs/min, audio-hours/hour and realtime factor, stage latency,
        // failures by reason, DLQ, consumer lag, slots busy/total, S3 throughput, JVM heap.
        assertTrue(used.containsAll(Set.of("mixfarm_songs_completed_total", "mixfarm_audio_rendered_seconds_total",
                "mixfarm_render_stage_seconds_bucket", "mixfarm_tasks_failed_total", "mixfarm_tasks_dead_lettered_total",
                "mixfarm_task_consumer_lag", "mixfarm_render_slots_busy", "mixfarm_render_slots",
                "mixfarm_s3_read_bytes_total", "mixfarm_s3_written_bytes_total", "jvm_memory_used_bytes")), used.toString());
        Map<String, Object> provider = new Yaml().load(Repo.read("deploy/grafana/provisioning/dashboards/mixfarm.yml"));
        String path = at(Manifests.<Map<String, Object>>list(provider, "providers").get(0), "options", "path");
        Map<String, Object> compose = new Yaml().load(Repo.read("deploy/compose.yaml"));
        List<String> volumes = list(compose, "services", "grafana", "volumes");
        assertTrue(volumes.contains("./grafana/dashboards:" + path + ":ro"), "the provider reads the mounted dashboards");
    }

    @Test
    void theChartCarriesIdenticalCopiesOfTheDashboardAndTheRules() {
        // Canonical copies live in helm/mixfarm/files (a chart cannot read outside its directory).
        assertEquals(Repo.read("helm/mixfarm/files/mixfarm.json"), Repo.read("deploy/grafana/dashboards/mixfarm.json"),
                "copy helm/mixfarm/files/mixfarm.json to deploy/grafana/dashboards/mixfarm.json");
        assertEquals(Repo.read("helm/mixfarm/files/alerts.yml"), Repo.read("deploy/prometheus/alerts.yml"),
                "copy helm/mixfarm/files/alerts.yml to deploy/prometheus/alerts.yml");
    }

    private static void assertPromised(String where, String expr) {
        Set<String> names = MetricsContract.namesIn(expr);
        assertFalse(names.isEmpty(), where + " selects no metric: " + expr);
        for (String name : names) {
            assertTrue(MetricsContract.promised(name), where + " uses " + name + ", which the metrics contract does not define");
        }
    }

    private static Duration duration(String text) {
        return ConfigFactory.parseString("d = " + text).getDuration("d");
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String one(Pattern pattern, String text) {
        List<String> found = all(pattern, text);
        assertEquals(1, found.size(), pattern + " matches " + found);
        return found.get(0);
    }
}
