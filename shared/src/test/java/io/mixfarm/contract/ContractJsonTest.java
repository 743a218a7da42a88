package io.mixfarm.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.engine.loudness.GatingBlocks;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reader behaviour outside the golden cases: versions, bad input, unknown values, exactness. */
class ContractJsonTest {

    @Test
    void aNewerSchemaVersionIsRefusedWithBothVersionsNamed() {
        ObjectNode tree = tree(ContractFixtures.accepted());
        tree.put("v", 2);
        ContractException e = assertThrows(ContractException.class, () -> read(tree, TaskEvent.class));
        assertEquals("the TaskEvent has schema version 2; this reader knows versions up to 1", e.getMessage());
    }

    @Test
    void aMessageWithoutVersionIsRefused() {
        ObjectNode tree = tree(ContractFixtures.accepted());
        tree.remove("v");
        ContractException e = assertThrows(ContractException.class, () -> read(tree, TaskEvent.class));
        assertEquals("the TaskEvent has no schema version (field \"v\")", e.getMessage());
    }

    @Test
    void textThatIsNotJsonIsAPermanentContractError() {
        ContractException e = assertThrows(ContractException.class,
                () -> ContractJson.read("<html>".getBytes(StandardCharsets.UTF_8), RenderTask.class));
        assertTrue(e.getMessage().startsWith("the RenderTask is not JSON: "), e.getMessage());
        assertFalse(e.isRetriable());
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        ObjectNode tree = tree(ContractFixtures.analyzeTask());
        tree.remove("sessionId");
        ContractException e = assertThrows(ContractException.class, () -> read(tree, RenderTask.class));
        assertEquals("the RenderTask does not match the contract: RenderTask.sessionId is missing or empty",
                e.getMessage());
    }

    @Test
    void aMessageOfAnotherTypeIsRefused() {
        ContractException e = assertThrows(ContractException.class,
                () -> ContractJson.read(ContractJson.write(ContractFixtures.accepted()), RenderTask.class));
        assertEquals("expected a RenderTask message but got type TaskEvent", e.getMessage());
    }

    @Test
    void theVersionIsCheckedWhereverItStandsAndHoweverOftenItIsRepeated() {
        String json = new String(ContractJson.write(ContractFixtures.accepted()), StandardCharsets.UTF_8);
        String withoutV = json.replaceFirst("\"v\"\\s*:\\s*1\\s*,", "");
        assertEquals(ContractFixtures.accepted(), ContractJson.read(
                (withoutV.substring(0, withoutV.length() - 1) + ",\"v\":1}").getBytes(StandardCharsets.UTF_8),
                TaskEvent.class), "a version after the other fields");
        ContractException repeated = assertThrows(ContractException.class, () -> ContractJson.readAny(
                (json.substring(0, json.length() - 1) + ",\"v\":2}").getBytes(StandardCharsets.UTF_8)));
        assertEquals("the message has schema version 2; this reader knows versions up to 1", repeated.getMessage());
        ContractException text = assertThrows(ContractException.class, () -> ContractJson.readAny(
                withoutV.replaceFirst("\\{", "{\"v\":\"1\",").getBytes(StandardCharsets.UTF_8)));
        assertEquals("the message has no schema version (field \"v\")", text.getMessage());
    }

    @Test
    void anUnknownMessageTypeIsSkippedByReadAny() {
        ObjectNode tree = tree(ContractFixtures.accepted());
        tree.put("type", "TaskLease");
        assertTrue(ContractJson.readAny(bytes(tree)).isEmpty());
    }

    @Test
    void unknownEnumValuesFromANewerWriterMapToUnknown() {
        ObjectNode kind = tree(ContractFixtures.accepted());
        kind.put("kind", "PAUSED");
        assertEquals(TaskEvent.Kind.UNKNOWN, read(kind, TaskEvent.class).kind());

        ObjectNode stage = tree(ContractFixtures.progress());
        stage.withObjectProperty("progress").put("stage", "DENOISE");
        assertEquals(Progress.Stage.UNKNOWN, read(stage, TaskEvent.class).progress().stage());
    }

    @Test
    void eventDetailMustMatchItsKind() {
        RenderTask task = ContractFixtures.analyzeTask();
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> new TaskEvent(1,
                task.taskId(), "night-drive", "01-headlights", 1, "w", ContractFixtures.T0, TaskEvent.Kind.FAILED,
                null, null, null));
        assertEquals("TaskEvent.failure is missing for a FAILED event", missing.getMessage());
        IllegalArgumentException extra = assertThrows(IllegalArgumentException.class, () -> new TaskEvent(1,
                task.taskId(), "night-drive", "01-headlights", 1, "w", ContractFixtures.T0, TaskEvent.Kind.STARTED,
                new Progress(Progress.Stage.FETCH, 0), null, null));
        assertEquals("TaskEvent.progress is set on a STARTED event", extra.getMessage());
    }

    @Test
    void albumGainTravelsOnMasterTasksOnly() {
        RenderTask analyze = ContractFixtures.analyzeTask();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RenderTask.of("night-drive",
                1, Phase.ANALYZE, Priority.NORMAL, ContractFixtures.T0, analyze.spec(), analyze.stems(), -1.0));
        assertTrue(e.getMessage().startsWith("RenderTask.albumGainDb is set for MASTER tasks only"), e.getMessage());
    }

    @Test
    void taskIdsAreDerivedFromSessionSongPhaseAndAttempt() {
        assertEquals("night-drive/01-headlights/analyze/1", ContractFixtures.analyzeTask().taskId());
        assertEquals("night-drive/01-headlights/master/2", ContractFixtures.masterTask().taskId());
        assertEquals("night-drive/01-headlights", ContractFixtures.masterTask().key());
        assertEquals(ContractFixtures.analyzeTask().key(), ContractFixtures.accepted().key());
    }

    @Test
    void blockEnergiesTravelBitExact() {
        Random random = new Random(42);
        double[] energies = new double[1000];
        for (int i = 0; i < energies.length; i++) {
            energies[i] = Math.pow(10, -12 + 12 * random.nextDouble());
        }
        energies[7] = Double.MIN_VALUE;
        energies[8] = 0.0;
        GatingBlocks blocks = GatingBlocks.of(GatingBlocks.Window.GATING_400_MS, energies, energies.length);
        SongAnalysis analysis = new SongAnalysis(Double.NEGATIVE_INFINITY, 0, -3, BlockEnergies.of(blocks),
                BlockEnergies.of(GatingBlocks.of(GatingBlocks.Window.SHORT_TERM_3_S, new double[0], 0)));
        RenderTask task = ContractFixtures.analyzeTask();
        TaskEvent event = TaskEvent.completed(task, "w", ContractFixtures.T0,
                new Completion(List.of(), ContractJson.mapper().createObjectNode(), analysis));

        TaskEvent back = ContractJson.read(ContractJson.write(event), TaskEvent.class);
        SongAnalysis got = back.completion().analysis();
        assertEquals(blocks, got.gating().toGatingBlocks());
        assertArrayEquals(energies, got.gating().values());
        assertEquals(0, got.shortTerm().values().length);
        assertEquals(Double.NEGATIVE_INFINITY, got.integratedLufs(), "a silent song's loudness survives JSON");
    }

    @Test
    void blockEnergiesRejectAPayloadOfTheWrongLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BlockEnergies(GatingBlocks.Window.GATING_400_MS, 3, "AAAAAAAAAAA="));
        assertEquals("BlockEnergies.data has 12 base64 characters; 3 doubles take 32", e.getMessage());
    }

    private static ObjectNode tree(ContractMessage message) {
        return (ObjectNode) ContractJson.mapper().valueToTree(message);
    }

    private static byte[] bytes(ObjectNode tree) {
        return tree.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static <T extends ContractMessage> T read(ObjectNode tree, Class<T> type) {
        return ContractJson.read(bytes(tree), type);
    }
}
