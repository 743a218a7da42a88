package io.mixfarm.cli.watch;

import com.fasterxml.jackson.databind.JsonNode;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Live progress bars on a terminal: JLine tells the width (again on every redraw, so a resized
 * window is followed) and redraws the block of lines in place, changing only what changed.
 */
public final class TerminalBars implements AutoCloseable {

    private final Terminal terminal;
    private final boolean ownsTerminal;
    private final Display display;
    private final BarRenderer renderer;
    private final Clock clock;
    private List<String> last = List.of();

    /** Bars on {@code terminal}; {@code ownsTerminal}: close it when done. */
    public TerminalBars(Terminal terminal, boolean ownsTerminal, Clock clock) {
        this.terminal = terminal;
        this.ownsTerminal = ownsTerminal;
        this.display = new Display(terminal, false);
        this.renderer = new BarRenderer(StandardCharsets.UTF_8.equals(terminal.encoding()));
        this.clock = clock;
    }

    /** Bars on the process's own terminal. */
    public static TerminalBars onSystemTerminal() throws IOException {
        Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build();
        return new TerminalBars(terminal, true, Clock.systemUTC());
    }

    /** Redraws the bars for the session {@code view}. */
    public void show(JsonNode view) {
        Size size = terminal.getSize();
        int width = size.getColumns() > 0 ? size.getColumns() : 80;
        int rows = size.getRows() > 0 ? size.getRows() : 24;
        List<String> lines = renderer.render(SessionProgress.of(view, clock.instant()), width - 1);
        // a block taller than the window cannot be redrawn in place: keep what fits, the overall bar first
        if (lines.size() > rows - 1) {
            lines = new ArrayList<>(lines.subList(0, Math.max(2, rows - 1)));
        }
        display.resize(rows, width);
        List<AttributedString> text = new ArrayList<>(lines.size());
        lines.forEach(l -> text.add(new AttributedString(l)));
        display.update(text, -1);
        terminal.flush();
        last = lines;
    }

    /** The lines drawn last. */
    List<String> lastLines() {
        return last;
    }

    /** Leaves the last bars on screen and moves below them. */
    @Override
    public void close() throws IOException {
        terminal.writer().println();
        terminal.flush();
        if (ownsTerminal) {
            terminal.close();
        }
    }
}
