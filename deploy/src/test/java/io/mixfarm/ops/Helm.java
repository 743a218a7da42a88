package io.mixfarm.ops;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Runs the helm CLI on helm/mixfarm; fails the test clearly when helm is not installed. */
final class Helm {

    /** What a helm command printed and how it ended. */
    record Result(int exitCode, String output) {
    }

    private Helm() {
    }

    static Path chart() {
        return Repo.root().resolve("helm/mixfarm");
    }

    static Path productionValues() {
        return chart().resolve("values-production.yaml");
    }

    static Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(Repo.root().toFile()).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "helm did not finish: " + command);
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code helm template} of the chart with the given values files; the rendered objects. */
    static List<Map<String, Object>> template(Path... valuesFiles) {
        List<String> args = new ArrayList<>(List.of("template", "farm", chart().toString()));
        for (Path values : valuesFiles) {
            args.add("-f");
            args.add(values.toString());
        }
        Result result = run(args.toArray(String[]::new));
        if (result.exitCode() != 0) {
            fail("helm template failed:\n" + result.output());
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object doc : strictYaml().loadAll(result.output())) {
            if (doc != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) doc;
                objects.add(object);
            }
        }
        return objects;
    }

    /** A YAML loader that refuses duplicate keys (Kubernetes would silently keep one of them). */
    static Yaml strictYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(options);
    }

    private static String executable() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "helm");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("helm is not installed (not on PATH): install it with .ci/run or "
                + "/work/shared/tools/install-helm.sh (../shared/tools/install-helm.sh from the repository root)");
    }
}
