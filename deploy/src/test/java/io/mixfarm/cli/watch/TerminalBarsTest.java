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
            String first = awaitScreen(screen, "1/3", "mix 50%", "ETA 1:18");
            assertTrue(first.contains("1/3") && first.contains("mix 50%") && first.contains("ETA 1:18"), first);
            screen.reset();

            bars.show(Views.completed());
            String redraw = awaitScreen(screen, "3/3");
            // JLine's display moves the cursor with escape sequences, or with CR/BS when it only
            // rewrites a line's tail; either way the bars are not appended below the old ones.
            assertTrue(redraw.contains("\u001b[") || redraw.indexOf('\r') >= 0 || redraw.indexOf('\b') >= 0,
                    "redrawn with cursor movement, not appended: " + redraw);
            assertTrue(bars.lastLines().get(1).contains("100%  3/3"), bars.lastLines().get(1));
            assertTrue(redraw.contains("3/3"), redraw);
        }
    }

    /**
     * The screen once it shows every one of {@code expected}, or after 5 s: the external
     * terminal's bytes may reach the stream a moment after flush() returns.
     */
    private static String awaitScreen(ByteArrayOutputStream screen, String... expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            String text = screen.toString(StandardCharsets.UTF_8);
            if (java.util.Arrays.stream(expected).allMatch(text::contains) || System.nanoTime() > deadline) {
                return text;
            }
            Thread.sleep(10);
        }
    }
}
