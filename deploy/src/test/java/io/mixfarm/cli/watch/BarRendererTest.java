package io.mixfarm.cli.watch;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BarRendererTest {

    private static final SessionProgress PROGRESS = SessionProgress.of(Views.running(),
            Instant.parse("2026-01-01T12:01:00Z"));

    @Test
    void an80ColumnTerminalShowsTheOverallBarWithThroughputAndEtaThenABarPerSong() {
        List<String> lines = new BarRenderer(false).render(PROGRESS, 80);
        assertEquals(5, lines.size(), String.join("\n", lines));
        lines.forEach(l -> assertTrue(l.length() <= 80, "fits 80 columns: [" + l + "]"));
        assertTrue(lines.get(0).startsWith("Night Drive (album-abc)  running"), lines.get(0));
        String overall = lines.get(1);
        assertTrue(overall.contains(" 43%  1/3 songs  1.0 songs/min  1.0x realtime  ETA 1:18"), overall);
        assertEquals(filled(overall), Math.round(0.4333 * inner(overall)), 1.0, "the bar is 43% full: " + overall);
        String mixing = lines.get(3);
        assertTrue(mixing.matches("  02-drive\\s+running\\s+mix 50%\\s+\\[#+-+]  30%"), mixing);
        assertEquals(0.30 * inner(mixing), filled(mixing), 1.0, mixing);
        assertTrue(lines.get(2).matches("  01-intro\\s+completed\\s+done\\s+\\[#+] 100%"), lines.get(2));
        assertTrue(lines.get(4).matches("  03-home\\s+queued\\s+full\\s+\\[-+]   0%"), lines.get(4));
    }

    @Test
    void aNarrowTerminalGetsShorterBarsAndNoLineLongerThanItsWidth() {
        BarRenderer renderer = new BarRenderer(true);
        for (int width : new int[] {40, 52, 60, 120}) {
            List<String> lines = renderer.render(PROGRESS, width);
            lines.forEach(l -> assertTrue(l.length() <= width, width + " columns: [" + l + "]"));
        }
        List<String> wide = renderer.render(PROGRESS, 120);
        List<String> narrow = renderer.render(PROGRESS, 60);
        assertTrue(wide.get(3).contains("█") && wide.get(3).contains("░"), wide.get(3));
        assertTrue(inner(narrow.get(3)) < inner(wide.get(3)), narrow.get(3) + " / " + wide.get(3));
        // too narrow for a song bar: the song's percentage still shows
        assertTrue(renderer.render(PROGRESS, 40).get(3).endsWith("30%"), renderer.render(PROGRESS, 40).get(3));
    }

    @Test
    void clockFormatsMinutesAndHours() {
        assertEquals("1:05", BarRenderer.clock(Duration.ofSeconds(65)));
        assertEquals("1:01:01", BarRenderer.clock(Duration.ofSeconds(3661)));
        assertEquals("-", BarRenderer.clock(null));
    }

    private static int inner(String line) {
        return line.lastIndexOf(']') - line.indexOf('[') - 1;
    }

    private static int filled(String line) {
        String bar = line.substring(line.indexOf('[') + 1, line.lastIndexOf(']'));
        return (int) bar.chars().filter(c -> c == '#' || c == '█').count();
    }
}
