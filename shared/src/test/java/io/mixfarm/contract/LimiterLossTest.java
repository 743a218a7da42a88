package io.mixfarm.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LimiterLossTest {

    private final LimiterLoss loss = new LimiterLoss(-1.0, 0.5, new double[] {0.0, -0.25, -1.0});

    @Test
    void interpolatesLinearlyAndHoldsTheEnds() {
        assertEquals(0.0, loss.at(-5.0));
        assertEquals(0.0, loss.at(-1.0));
        assertEquals(-0.125, loss.at(-0.75), 1e-12);
        assertEquals(-0.25, loss.at(-0.5), 1e-12);
        assertEquals(-0.625, loss.at(-0.25), 1e-12);
        assertEquals(-1.0, loss.at(0.0));
        assertEquals(-1.0, loss.at(12.0));
    }

    @Test
    void refusesPositiveLossesAndDegenerateGrids() {
        assertThrows(IllegalArgumentException.class, () -> new LimiterLoss(0, 0.5, new double[] {0.0, 0.1}));
        assertThrows(IllegalArgumentException.class, () -> new LimiterLoss(0, 0.0, new double[] {0.0, -0.1}));
        assertThrows(IllegalArgumentException.class, () -> new LimiterLoss(0, 0.5, new double[] {0.0}));
        assertThrows(IllegalArgumentException.class, () -> new LimiterLoss(0, 0.5, new double[] {0.0, Double.NaN}));
    }

    @Test
    void anAnalysisFromAnOlderWorkerReadsWithoutALimiterLoss() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode tree = (ObjectNode) json.readTree(
                Path.of("src/test/resources/contract/golden/task-event-completed-analyze.json").toFile());
        ObjectNode analysis = (ObjectNode) tree.path("completion").path("analysis");
        assertNotNull(analysis.remove("limiterLoss"), "the golden analysis carries a limiterLoss");
        TaskEvent event = ContractJson.read(json.writeValueAsBytes(tree), TaskEvent.class);
        assertNull(event.completion().analysis().limiterLoss());
        assertEquals(-12.75, event.completion().analysis().integratedLufs());
    }
}
