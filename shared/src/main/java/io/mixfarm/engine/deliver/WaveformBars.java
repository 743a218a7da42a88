package io.mixfarm.engine.deliver;

import java.util.Arrays;

/**
 * The waveform panel's bars, one per pixel column: the peak range, and the RMS range painted over
 * it, each the rows {@code [top, top + height)} that {@code fillRect(x, top, 1, height)} paints.
 *
 * <p>Painting them a column at a time writes one pixel per row down the canvas, which is slow
 * (strided writes, a call per pixel); {@link #paintRows} paints the same pixels a row at a time
 * instead, each row written once, whole, panel colour and bars together: a row of bars differs
 * from the row above only in the columns where a bar starts or ends, so it is kept in a buffer,
 * updated at those columns and copied into the canvas.
 */
final class WaveformBars {
    /** The first pixel column. */
    final int left;
    /** Pixel columns, bars or not. */
    final int columns;
    /** Whether there are bars at all (there are none without audio). */
    final boolean present;
    final int[] peakTop;
    final int[] peakHeight;
    final int[] rmsTop;
    final int[] rmsHeight;

    WaveformBars(PlotLayout l, WaveformSummary waveform) {
        left = l.plotLeft();
        columns = l.plotRight() - left;
        present = waveform.frames() > 0;
        peakTop = new int[columns];
        peakHeight = new int[columns];
        rmsTop = new int[columns];
        rmsHeight = new int[columns];
        if (!present) {
            return;
        }
        double[][] view = waveform.columnsView();
        int buckets = view[0].length;
        // pixel p takes buckets [p·buckets / columns, (p + 1)·buckets / columns), at least one
        EvenSplit split = new EvenSplit(buckets, columns);
        for (int p = 0; p < columns; p++) {
            int first = (int) split.advance();
            int last = Math.max(first, (int) split.end() - 1);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double rms = 0;
            for (int j = first; j <= last; j++) {
                lo = Math.min(lo, view[0][j]);
                hi = Math.max(hi, view[1][j]);
                rms = Math.max(rms, view[2][j]);
            }
            bar(p, l.waveY(Math.min(1, hi)), l.waveY(Math.max(-1, lo)), peakTop, peakHeight);
            bar(p, l.waveY(Math.min(rms, Math.min(1, hi))), l.waveY(Math.max(-rms, Math.max(-1, lo))), rmsTop, rmsHeight);
        }
    }

    /** The rows a bar from {@code yTop} down to {@code yBottom} covers: at least one. */
    private static void bar(int p, double yTop, double yBottom, int[] tops, int[] heights) {
        int top = (int) Math.floor(yTop);
        int bottom = (int) Math.ceil(yBottom);
        tops[p] = top;
        heights[p] = Math.max(1, bottom - top);
    }

    /** Whether every bar lies within rows {@code [top, bottom)}, so {@link #paintRows} can paint them. */
    boolean within(int top, int bottom) {
        for (int p = 0; present && p < columns; p++) {
            if (peakTop[p] < top || bottom - peakTop[p] < peakHeight[p]
                    || rmsTop[p] < top || bottom - rmsTop[p] < rmsHeight[p]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Paints rows {@code [top, bottom)} of the panel's columns into {@code pixels} (rows of
     * {@code width}): what filling the panel with {@code panel}, then each column's peak bar with
     * {@code peak} and its RMS bar with {@code rms} paints, for bars {@link #within} those rows.
     * Rows marked {@code drawn[row - top]} already hold the panel and whatever was drawn on it
     * before the bars; only the bars' pixels are written there.
     */
    void paintRows(int[] pixels, int width, int top, int bottom, boolean[] drawn, int panel, int peak, int rms) {
        if (peak == panel || rms == panel) {
            throw new IllegalArgumentException("bars must differ from the panel"); // the panel colour marks "no bar"
        }
        int rows = bottom - top;
        // the columns whose colour may change at each row: counting sort of the bars' ends by row
        int[] start = new int[rows + 2];
        for (int p = 0; present && p < columns; p++) {
            count(start, top, rows, peakTop[p], peakHeight[p]);
            count(start, top, rows, rmsTop[p], rmsHeight[p]);
        }
        for (int r = 0; r <= rows; r++) {
            start[r + 1] += start[r];
        }
        int[] changes = new int[start[rows + 1]];
        int[] next = Arrays.copyOf(start, rows + 1);
        for (int p = 0; present && p < columns; p++) {
            add(changes, next, top, rows, p, peakTop[p], peakHeight[p]);
            add(changes, next, top, rows, p, rmsTop[p], rmsHeight[p]);
        }
        int[] row = new int[columns];
        Arrays.fill(row, panel);
        for (int y = top; y < bottom; y++) {
            int r = y - top;
            for (int k = start[r]; k < start[r + 1]; k++) {
                int p = changes[k];
                row[p] = y - rmsTop[p] < rmsHeight[p] && y >= rmsTop[p] ? rms
                        : y - peakTop[p] < peakHeight[p] && y >= peakTop[p] ? peak : panel;
            }
            int at = y * width + left;
            if (drawn[r]) {
                for (int p = 0; p < columns; p++) {
                    if (row[p] != panel) {
                        pixels[at + p] = row[p];
                    }
                }
            } else {
                System.arraycopy(row, 0, pixels, at, columns);
            }
        }
    }

    /** Counts a bar's first row and the row after it, where its column changes colour. */
    private static void count(int[] start, int top, int rows, int barTop, int height) {
        start[barTop - top + 1]++;
        if (barTop - top + height < rows) {
            start[barTop - top + height + 1]++;
        }
    }

    private static void add(int[] changes, int[] next, int top, int rows, int p, int barTop, int height) {
        changes[next[barTop - top]++] = p;
        if (barTop - top + height < rows) {
            changes[next[barTop - top + height]++] = p;
        }
    }
}
