package io.mixfarm.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Pins the wire format: each message type against a golden JSON file, both ways, and readers
 * that ignore fields added by a newer writer at any depth.
 *
 * <p>To change the format on purpose, run with {@code -Dcontract.golden.update=true}, review
 * the rewritten files under {@code src/test/resources/contract/golden/} and commit them.
 */
class ContractGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/contract/golden");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Free-form JSON carried as is: fields added inside them are data, not schema. */
    private static final Set<String> OPAQUE = Set.of("report", "manifest");

    @Test
    void everyMessageTypeHasAGoldenFile() {
        Set<Class<?>> covered = new java.util.HashSet<>();
        ContractFixtures.all().values().forEach(m -> covered.add(m.getClass()));
        for (Class<?> type : ContractMessage.class.getPermittedSubclasses()) {
            assertTrue(covered.contains(type), type.getSimpleName() + " has no golden fixture");
        }
    }

    @Test
    void writersProduceExactlyTheGoldenJson() throws IOException {
        boolean update = Boolean.getBoolean("contract.golden.update");
        for (Map.Entry<String, ContractMessage> e : ContractFixtures.all().entrySet()) {
            Path file = GOLDEN.resolve(e.getKey() + ".json");
            JsonNode written = JSON.readTree(ContractJson.write(e.getValue()));
            if (update) {
                Files.createDirectories(GOLDEN);
                Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(written) + "\n");
                continue;
            }
            assertTrue(Files.exists(file), "missing golden file " + file + " (run with -Dcontract.golden.update=true)");
            assertEquals(JSON.readTree(file.toFile()), written, e.getKey() + ": written JSON differs from " + file);
        }
        if (update) {
            fail("golden files rewritten; review them and run again without contract.golden.update");
        }
    }

    @Test
    void readersRecoverTheFixturesFromTheGoldenFiles() throws IOException {
        for (Map.Entry<String, ContractMessage> e : ContractFixtures.all().entrySet()) {
            byte[] golden = Files.readAllBytes(GOLDEN.resolve(e.getKey() + ".json"));
            assertEquals(e.getValue(), ContractJson.read(golden, e.getValue().getClass()), e.getKey());
            assertEquals(e.getValue(), ContractJson.readAny(golden).orElseThrow(), e.getKey() + " read as any type");
        }
    }

    @Test
    void unknownFieldsAtEveryLevelAreIgnored() throws IOException {
        int total = 0;
        for (Map.Entry<String, ContractMessage> e : ContractFixtures.all().entrySet()) {
            JsonNode tree = JSON.readTree(GOLDEN.resolve(e.getKey() + ".json").toFile());
            int added = addUnknownFields(tree);
            total += added;
            byte[] extended = JSON.writeValueAsBytes(tree);
            assertEquals(e.getValue(), ContractJson.read(extended, e.getValue().getClass()),
                    e.getKey() + " with unknown fields in " + added + " objects");
        }
        // Nested records (spec, song, strips, buses, mastering, outputs, analysis) were reached.
        assertTrue(total > 40, "unknown fields added to only " + total + " objects");
    }

    /** Adds an unknown scalar, object and array field to every object outside opaque fields. */
    private static int addUnknownFields(JsonNode node) {
        int added = 0;
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (!OPAQUE.contains(field.getKey())) {
                    added += addUnknownFields(field.getValue());
                }
            }
            object.put("addedInV1_7", "a newer writer's field");
            object.putObject("addedObject").put("deep", 1).putArray("list").add(2).addObject().put("x", true);
            object.putArray("addedArray").add("y").addNull();
            added++;
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                added += addUnknownFields(item);
            }
        }
        return added;
    }
}
