package io.mixfarm.engine.deliver;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The per-song picture an engineer looks at instead of reading numbers: on top the waveform
 * (peak envelope, RMS inside it, the true-peak ceiling), below the short-term loudness over time
 * with the target (and a ±1 LU band) and the integrated loudness, on a shared mm:ss time axis,
 * under a title with I, LRA and TP.
 *
 * <p>Rendering is headless ({@code java.awt.headless} is set to true unless the caller already
 * chose) and deterministic: the same data gives the same PNG bytes on the same JDK and fonts
 * (the PNG is encoded by {@link PngEncoder}, not an image I/O service). Text uses the logical
 * SansSerif font, so the machine needs fontconfig and a font (Debian: fonts-dejavu-core).
 *
 * <p>A farm draws one plot per song, so {@link #write} draws on a canvas kept per thread (a
 * 1600 × 600 picture is 3.8 MB, too big to allocate per song) and the large opaque rectangles
 * (background, panels, the waveform's bars, painted row by row: {@link WaveformBars}) are
 * written straight into its pixels, which is what {@code fillRect} would paint; text, lines and
 * the curve go through Java 2D.
 */
public final class LoudnessPlot {
    static final Color BACKGROUND = new Color(0x10, 0x13, 0x17);
    static final Color PANEL = new Color(0x18, 0x1C, 0x22);
    static final Color GRID = new Color(0x2A, 0x30, 0x3A);
    static final Color TEXT = new Color(0x9A, 0xA4, 0xB2);
    static final Color TITLE = new Color(0xE8, 0xEC, 0xF1);
    static final Color PEAK = new Color(0x3D, 0x8F, 0xD1);
    static final Color RMS = new Color(0x8C, 0xC8, 0xF2);
    static final Color CEILING = new Color(0xE0, 0x55, 0x55);
    static final Color CURVE = new Color(0xF2, 0xB3, 0x3D);
    static final Color TARGET = new Color(0x4C, 0xC3, 0x8A);
    static final Color TARGET_BAND = new Color(0x4C, 0xC3, 0x8A, 0x30);
    static final Color INTEGRATED = new Color(0xD8, 0xDE, 0xE9);
    private static final String MINUS = "\u2212";
    private static final Pattern ALL_ZEROS = Pattern.compile("[0.]+"); // "-0.0" is printed without its sign
    private static final int[] TIME_STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600};
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 22);
    private static final Font FIGURES_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final ThreadLocal<BufferedImage[]> CANVAS = ThreadLocal.withInitial(() -> new BufferedImage[1]);

    private LoudnessPlot() {
    }

    /** Renders and writes a PNG of {@code width} × {@code height} pixels. */
    public static void write(LoudnessPlotData data, int width, int height, Path png) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(png), 1 << 16)) {
            write(data, width, height, out);
        }
    }

    /** The PNG of {@code width} × {@code height} pixels, in memory (a plot is some tens of kB). */
    public static byte[] png(LoudnessPlotData data, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            write(data, width, height, out);
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array stream does not fail", e);
        }
        return out.toByteArray();
    }

    private static void write(LoudnessPlotData data, int width, int height, OutputStream out) throws IOException {
        PlotLayout layout = new PlotLayout(width, height, data);
        BufferedImage[] canvas = CANVAS.get();
        if (canvas[0] == null || canvas[0].getWidth() != width || canvas[0].getHeight() != height) {
            canvas[0] = null; // let the old one go before allocating the new one
            canvas[0] = canvas(width, height);
        }
        draw(canvas[0], layout, data, true);
        PngEncoder.forThisThread().write(pixels(canvas[0]), width, height, out);
    }

    /** The plot as a new image ({@code TYPE_INT_RGB}). */
    public static BufferedImage render(LoudnessPlotData data, int width, int height) {
        return render(data, width, height, true);
    }

    /** {@code direct} false paints every rectangle with Java 2D: the reference the direct fills must match. */
    static BufferedImage render(LoudnessPlotData data, int width, int height, boolean direct) {
        PlotLayout layout = new PlotLayout(width, height, data);
        BufferedImage image = canvas(width, height);
        draw(image, layout, data, direct);
        return image;
    }

    private static BufferedImage canvas(int width, int height) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }

    /** The pixels of a {@code TYPE_INT_RGB} image of our own making: one int per pixel, rows back to back. */
    static int[] pixels(BufferedImage image) {
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    /** Paints the whole plot over whatever {@code image} held. */
    private static void draw(BufferedImage image, PlotLayout layout, LoudnessPlotData data, boolean direct) {
        Graphics2D g = image.createGraphics();
        try {
            Rectangles fill = new Rectangles(g, direct ? pixels(image) : null, image.getWidth(), image.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            fill.background(BACKGROUND, layout);
            title(g, layout, data);
            waveform(g, fill, layout, data);
            loudness(g, fill, layout, data);
            timeAxis(g, layout);
        } finally {
            g.dispose();
        }
    }

    /**
     * Opaque axis-aligned rectangles, unclipped but for the image: into the pixels when there
     * are any (exactly the pixels {@code fillRect} paints, without Java 2D's per-call cost), else
     * with {@code fillRect}. Either way the graphics' colour is left as it was, and every other
     * drawing call sets its own.
     */
    private record Rectangles(Graphics2D g, int[] pixels, int width, int height) {
        /**
         * The background everywhere but inside the two panels, which paint every pixel of their
         * rectangles, opaque, before anything is drawn over them (whatever a canvas held there
         * from the last plot never shows): a third of the pixels to write.
         */
        void background(Color color, PlotLayout l) {
            if (pixels == null) {
                fill(color, 0, 0, width, height);
                return;
            }
            int rgb = color.getRGB();
            int left = l.plotLeft();
            int right = l.plotRight();
            for (int row = 0; row < height; row++) {
                int at = row * width;
                if (row >= l.waveTop && row < l.waveBottom || row >= l.loudTop && row < l.loudBottom) {
                    Arrays.fill(pixels, at, at + left, rgb);
                    Arrays.fill(pixels, at + right, at + width, rgb);
                } else {
                    Arrays.fill(pixels, at, at + width, rgb);
                }
            }
        }

        void fill(Color color, int x, int y, int w, int h) {
            if (pixels == null) {
                Color before = g.getColor();
                g.setColor(color);
                g.fillRect(x, y, w, h);
                g.setColor(before);
                return;
            }
            int x0 = Math.max(0, x);
            int x1 = (int) Math.min(width, (long) x + w);
            int y0 = Math.max(0, y);
            int y1 = (int) Math.min(height, (long) y + h);
            int rgb = color.getRGB(); // as fillRect stores an opaque colour in TYPE_INT_RGB (high byte unused)
            for (int row = y0; row < y1; row++) {
                if (x0 < x1) {
                    Arrays.fill(pixels, row * width + x0, row * width + x1, rgb);
                }
            }
        }
    }

    private static void title(Graphics2D g, PlotLayout l, LoudnessPlotData d) {
        g.setFont(TITLE_FONT);
        g.setColor(TITLE);
        g.drawString(d.title(), PlotLayout.LEFT, 38);
        String figures = "I " + number(d.integratedLufs(), 1) + " LUFS     LRA " + number(d.loudnessRangeLu(), 1)
                + " LU     TP " + number(d.truePeakDbtp(), 1) + " dBTP     target " + number(d.targetLufs(), 1) + " LUFS";
        g.setFont(FIGURES_FONT);
        g.setColor(TEXT);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(figures, l.plotRight() - fm.stringWidth(figures), 38);
    }

    private static void waveform(Graphics2D g, Rectangles fill, PlotLayout l, LoudnessPlotData d) {
        int left = l.plotLeft();
        int right = l.plotRight();
        WaveformBars bars = new WaveformBars(l, d.waveform());
        // Row by row, the panel and the bars are painted together after the grid and the unit
        // label, which are drawn first on rows filled with the panel colour just for them.
        boolean byRows = fill.pixels() != null && bars.within(l.waveTop, l.waveBottom);
        boolean[] drawn = new boolean[l.waveBottom - l.waveTop];
        g.setFont(LABEL_FONT);
        double[] gridValues = {1, 0.5, 0.25, 0};
        String[] labels = {"0", MINUS + "6", MINUS + "12", MINUS + "\u221E"};
        if (byRows) {
            FontMetrics fm = g.getFontMetrics();
            int labelEnd = unitBaseline(fm, l.waveTop) + fm.getMaxDescent() + 2; // the unit label's rows, and some
            underDrawing(fill, drawn, l, l.waveTop, labelEnd);
            for (double value : gridValues) {
                for (double sign : value == 0 ? new double[] {1} : new double[] {1, -1}) {
                    int y = (int) Math.round(l.waveY(sign * value));
                    underDrawing(fill, drawn, l, y - 1, y + 2);
                }
            }
        } else {
            panel(fill, left, l.waveTop, right, l.waveBottom);
        }
        for (int i = 0; i < gridValues.length; i++) {
            for (double sign : gridValues[i] == 0 ? new double[] {1} : new double[] {1, -1}) {
                int y = (int) Math.round(l.waveY(sign * gridValues[i]));
                g.setColor(GRID);
                g.drawLine(left, y, right - 1, y);
                axisLabel(g, labels[i], left, y);
            }
        }
        unitLabel(g, "dBFS", left, l.waveTop);
        if (byRows) {
            bars.paintRows(fill.pixels(), fill.width(), l.waveTop, l.waveBottom, drawn, PANEL.getRGB(), PEAK.getRGB(),
                    RMS.getRGB());
        } else {
            for (int p = 0; bars.present && p < bars.columns; p++) {
                fill.fill(PEAK, left + p, bars.peakTop[p], 1, bars.peakHeight[p]);
                fill.fill(RMS, left + p, bars.rmsTop[p], 1, bars.rmsHeight[p]);
            }
        }
        if (Double.isFinite(d.ceilingDbtp())) {
            double level = Math.pow(10, d.ceilingDbtp() / 20);
            g.setColor(CEILING);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            for (double sign : new double[] {1, -1}) {
                int y = (int) Math.round(l.waveY(sign * level));
                g.drawLine(left, y, right - 1, y);
            }
            g.setStroke(new BasicStroke(1f));
            String text = "ceiling " + number(d.ceilingDbtp(), 1) + " dBTP";
            g.drawString(text, right - g.getFontMetrics().stringWidth(text) - 6, (int) Math.round(l.waveY(level)) - 4);
        }
    }

    private static void loudness(Graphics2D g, Rectangles fill, PlotLayout l, LoudnessPlotData d) {
        int left = l.plotLeft();
        int right = l.plotRight();
        panel(fill, left, l.loudTop, right, l.loudBottom);
        g.setFont(LABEL_FONT);
        double step = l.lufsTop - l.lufsBottom > 30 ? 6 : 3;
        for (double v = l.lufsTop; v >= l.lufsBottom - 1e-9; v -= step) {
            int y = l.loudRow(v);
            g.setColor(GRID);
            g.drawLine(left, y, right - 1, y);
            axisLabel(g, number(v, 0), left, y);
        }
        unitLabel(g, "LUFS", left, l.loudTop);
        int bandTop = l.loudRow(d.targetLufs() + 1);
        g.setColor(TARGET_BAND);
        g.fillRect(left, bandTop, right - left, l.loudRow(d.targetLufs() - 1) - bandTop);

        g.setClip(left, l.loudTop, right - left, l.loudBottom - l.loudTop);
        if (Double.isFinite(d.integratedLufs())) {
            g.setColor(INTEGRATED);
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));
            int y = l.loudRow(d.integratedLufs());
            g.drawLine(left, y, right - 1, y);
        }
        g.setStroke(new BasicStroke(1f));
        int target = l.loudRow(d.targetLufs());
        g.setColor(TARGET);
        g.fillRect(left, target - 1, right - left, 2);
        curve(g, l, d);
        g.setClip(null);
        legend(g, l, d);
    }

    /** The short-term curve, anti-aliased, broken where the value is silence (−∞). */
    private static void curve(Graphics2D g, PlotLayout l, LoudnessPlotData d) {
        double[] values = d.shortTermLufs();
        Path2D.Double path = new Path2D.Double();
        boolean drawing = false;
        double floor = l.lufsBottom - 1;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                drawing = false;
                continue;
            }
            double x = l.x(d.shortTermStartSeconds() + i * LoudnessPlotData.SHORT_TERM_STEP_SECONDS);
            double y = l.loudY(Math.max(floor, values[i]));
            if (drawing) {
                path.lineTo(x, y);
            } else {
                path.moveTo(x, y);
                drawing = true;
            }
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(CURVE);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(path);
        g.setStroke(new BasicStroke(1f));
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    }

    private static void legend(Graphics2D g, PlotLayout l, LoudnessPlotData d) {
        g.setFont(LABEL_FONT);
        FontMetrics fm = g.getFontMetrics();
        String[] texts = {"short-term", "target " + number(d.targetLufs(), 1), "integrated " + number(d.integratedLufs(), 1)};
        Color[] colors = {CURVE, TARGET, INTEGRATED};
        int x = l.plotRight();
        int y = l.loudTop - 7; // in the gap above the loudness panel
        for (int i = texts.length - 1; i >= 0; i--) {
            x -= fm.stringWidth(texts[i]);
            g.setColor(TITLE);
            g.drawString(texts[i], x, y);
            x -= 26;
            g.setColor(colors[i]);
            g.fillRect(x, y - 6, 20, 3);
            x -= 18;
        }
    }

    private static void timeAxis(Graphics2D g, PlotLayout l) {
        g.setFont(LABEL_FONT);
        FontMetrics fm = g.getFontMetrics();
        int step = TIME_STEPS[TIME_STEPS.length - 1];
        for (int candidate : TIME_STEPS) {
            if (l.x(candidate) - l.x(0) >= 90) {
                step = candidate;
                break;
            }
        }
        for (int t = 0; t <= l.seconds + 1e-9; t += step) {
            int x = (int) Math.round(l.x(t));
            g.setColor(GRID);
            g.draw(new Line2D.Double(x, l.waveTop, x, l.waveBottom - 1));
            g.draw(new Line2D.Double(x, l.loudTop, x, l.loudBottom - 1));
            String label = String.format(Locale.ROOT, "%d:%02d", t / 60, t % 60);
            g.setColor(TEXT);
            g.drawString(label, x - fm.stringWidth(label) / 2, l.loudBottom + 20);
        }
    }

    private static void panel(Rectangles fill, int left, int top, int right, int bottom) {
        fill.fill(PANEL, left, top, right - left, bottom - top);
    }

    /** Fills the waveform panel's rows {@code [from, to)} for something drawn on them before the bars. */
    private static void underDrawing(Rectangles fill, boolean[] drawn, PlotLayout l, int from, int to) {
        int top = Math.max(from, l.waveTop);
        int bottom = Math.min(to, l.waveBottom);
        for (int y = top; y < bottom; y++) {
            if (!drawn[y - l.waveTop]) {
                drawn[y - l.waveTop] = true;
                fill.fill(PANEL, l.plotLeft(), y, l.plotRight() - l.plotLeft(), 1);
            }
        }
    }

    private static void axisLabel(Graphics2D g, String text, int left, int y) {
        g.setColor(TEXT);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, left - 10 - fm.stringWidth(text), y + fm.getAscent() / 2 - 2);
    }

    /** The axis unit, inside the panel's top-left corner. */
    private static void unitLabel(Graphics2D g, String unit, int left, int top) {
        g.setColor(TEXT);
        g.drawString(unit, left + 8, unitBaseline(g.getFontMetrics(), top));
    }

    private static int unitBaseline(FontMetrics fm, int top) {
        return top + fm.getAscent() + 4;
    }

    /** A figure with a typographic minus; "−∞" for minus infinity. */
    static String number(double value, int decimals) {
        if (value == Double.NEGATIVE_INFINITY) {
            return MINUS + "\u221E";
        }
        if (Double.isNaN(value)) {
            return "n/a";
        }
        String text = String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(value));
        boolean negative = value < 0 && !ALL_ZEROS.matcher(text).matches();
        return negative ? MINUS + text : text;
    }
}
