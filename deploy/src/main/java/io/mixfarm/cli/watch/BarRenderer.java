package io.mixfarm.cli.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a session's progress as text bars for a terminal {@code width} columns wide: a header,
 * the overall bar with throughput and ETA, then one bar per song. Every line fits the width (a
 * wrapped line would break the in-place redraw). Pure: the same progress and width give the same
 * lines.
 */
public final class BarRenderer {

    private static final int MIN_BAR = 10;
    private static final int MAX_BAR = 40;
    private static final int SONG_ID = 20;
    private static final int DETAIL = 14;

    private final char full;
    private final char empty;

    /** @param unicode block characters; false for ASCII {@code #} and {@code -} */
    public BarRenderer(boolean unicode) {
        this.full = unicode ? '█' : '#';
        this.empty = unicode ? '░' : '-';
    }

    /** The lines for {@code progress} at {@code width} columns (at least 20). */
    public List<String> render(SessionProgress p, int width) {
        int w = Math.max(20, width);
        List<String> lines = new ArrayList<>();
        String title = p.title().isEmpty() ? p.sessionId() : p.title() + " (" + p.sessionId() + ")";
        lines.add(fit(title + "  " + p.state().toLowerCase(Locale.ROOT), w));
        String stats = stats(p, true);
        if (w - stats.length() < MIN_BAR) {
            stats = stats(p, false); // narrow: the rates give way to the bar, the count and the ETA
        }
        lines.add(fit(bar(p.fraction(), barWidth(w - stats.length())) + stats, w));
        int idWidth = Math.max(8, Math.min(SONG_ID, w - 45));
        int detailWidth = Math.max(8, Math.min(DETAIL, w - 50));
        for (SessionProgress.Song s : p.songs()) {
            String label = String.format(Locale.ROOT, "  %-" + idWidth + "s %-9s %-" + detailWidth + "s ",
                    cut(s.songId(), idWidth), s.state().toLowerCase(Locale.ROOT), cut(s.detail(), detailWidth));
            String tail = String.format(Locale.ROOT, " %3d%%", Math.round(100 * s.fraction()));
            int room = w - label.length() - tail.length();
            lines.add(room >= MIN_BAR ? label + bar(s.fraction(), Math.min(MAX_BAR, room)) + tail
                    : compact(s, w));
        }
        return lines;
    }

    private static String stats(SessionProgress p, boolean rates) {
        String failed = p.failed() > 0 ? " (" + p.failed() + " failed)" : "";
        String eta = p.ended() ? "-" : clock(p.eta());
        return rates
                ? String.format(Locale.ROOT, " %3d%%  %d/%d songs%s  %.1f songs/min  %.1fx realtime  ETA %s",
                Math.round(100 * p.fraction()), p.completed(), p.songs().size(), failed, p.songsPerMinute(),
                p.realtimeFactor(), eta)
                : String.format(Locale.ROOT, " %3d%%  %d/%d%s  ETA %s", Math.round(100 * p.fraction()), p.completed(),
                p.songs().size(), failed, eta);
    }

    /** A song without its bar, for windows too narrow for one: id, state and percentage. */
    private static String compact(SessionProgress.Song s, int width) {
        String tail = String.format(Locale.ROOT, " %s %d%%", s.state().toLowerCase(Locale.ROOT),
                Math.round(100 * s.fraction()));
        return "  " + cut(s.songId(), Math.max(4, width - 2 - tail.length())) + tail;
    }

    private static int barWidth(int room) {
        return Math.max(MIN_BAR, Math.min(MAX_BAR, room));
    }

    /** {@code [####----]}, {@code width} columns with the brackets. */
    String bar(double fraction, int width) {
        int inner = Math.max(1, width - 2);
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * inner);
        return "[" + String.valueOf(full).repeat(filled) + String.valueOf(empty).repeat(inner - filled) + "]";
    }

    /** m:ss, or h:mm:ss from an hour; "-" when unknown. */
    public static String clock(Duration d) {
        if (d == null) {
            return "-";
        }
        long s = Math.max(0, Math.round(d.toMillis() / 1000.0));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "~";
    }

    private static String fit(String line, int width) {
        return line.length() <= width ? line : line.substring(0, width);
    }
}
