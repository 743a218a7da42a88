package io.mixfarm.cli.watch;

import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bars on a fake 60-column xterm: drawn to its width and redrawn in place. */
class TerminalBarsTest {

    @Test
    void drawsToTheTerminalsWidthAndRedrawsInPlace() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Terminal terminal = TerminalBuilder.builder().system(false).type("xterm").encoding(StandardCharsets.UTF_8)
                .streams(new ByteArrayInputStream(new byte[0]), screen).size(new Size(60, 24)).build();
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T12:01:00Z"), ZoneOffset.UTC);
        try (TerminalBars bars = new TerminalBars(terminal, true, clock)) {
            bars.show(Views.running());
            assertEquals(5, bars.lastLines().size());
            bars.lastLines().forEach(l -> assertTrue(l.length() < 60, "fits 60 columns: [" + l + "]"));
            String first = screen.toString(StandardCharsets.UTF_8);
            assertTrue(first.contains("1/3") && first.contains("mix 50%") && first.contains("ETA 1:18"), first);
            screen.reset();

            bars.show(Views.completed());
            String redraw = screen.toString(StandardCharsets.UTF_8);
            // JLine's display moves the cursor with escape sequences, or with CR/BS when it only
            // rewrites a line's tail; either way the bars are not appended below the old ones.
            assertTrue(redraw.contains("\u001b[") || redraw.indexOf('\r') >= 0 || redraw.indexOf('\b') >= 0,
                    "redrawn with cursor movement, not appended: " + redraw);
            assertTrue(bars.lastLines().get(1).contains("100%  3/3"), bars.lastLines().get(1));
            assertTrue(redraw.contains("3/3"), redraw);
        }
    }
}
