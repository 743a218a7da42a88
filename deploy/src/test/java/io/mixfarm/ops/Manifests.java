package io.mixfarm.ops;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/** Navigation in rendered Kubernetes objects (maps and lists as SnakeYAML loads them). */
final class Manifests {

    private final List<Map<String, Object>> objects;

    Manifests(List<Map<String, Object>> objects) {
        this.objects = objects;
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(o.get("kind")) && name.equals(at(o, "metadata", "name")))
                .findFirst();
    }

    Map<String, Object> get(String kind, String name) {
        return find(kind, name).orElseGet(() -> fail("no " + kind + " " + name + " rendered; objects: "
                + objects.stream().map(o -> o.get("kind") + "/" + at(o, "metadata", "name")).toList()));
    }

    long count(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).count();
    }

    /** The one container of a Deployment's pod template. */
    Map<String, Object> container(String deployment) {
        List<Map<String, Object>> containers = list(get("Deployment", deployment), "spec", "template", "spec", "containers");
        assertEquals(1, containers.size(), deployment + " containers");
        return containers.get(0);
    }

    /** The container port number of a named port. */
    static int port(Map<String, Object> container, String name) {
        for (Map<String, Object> port : Manifests.<Map<String, Object>>list(container, "ports")) {
            if (name.equals(port.get("name"))) {
                return (Integer) port.get("containerPort");
            }
        }
        return fail("no port named " + name + " in " + container.get("name"));
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            assertNotNull(current, "missing " + String.join(".", path));
            current = ((Map<String, Object>) current).get(key);
        }
        return (T) current;
    }

    static <T> List<T> list(Object node, String... path) {
        List<T> list = at(node, path);
        return list == null ? List.of() : list;
    }
}
