package io.mixfarm.cli.watch;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputModeTest {

    @Test
    void barsOnlyOnAConsoleWithACapableTerminalAndWithoutPlain() {
        assertTrue(OutputMode.bars(false, true, "xterm-256color"));
        assertFalse(OutputMode.bars(true, true, "xterm-256color"), "--plain");
        assertFalse(OutputMode.bars(false, false, "xterm-256color"), "output redirected");
        assertFalse(OutputMode.bars(false, true, "dumb"));
        assertFalse(OutputMode.bars(false, true, null), "no TERM (CI)");
    }
}
