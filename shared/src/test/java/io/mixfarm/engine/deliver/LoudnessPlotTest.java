package io.mixfarm.engine.deliver;

import io.mixfarm.engine.loudness.LoudnessMeter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-song PNG: written, decodable, deterministic, and its lines where the values say. */
class LoudnessPlotTest {
    private static final int RATE = 48_000;

    @TempDir
    Path dir;

    @Test
    void pngDecodesAtItsSizeWithTheTargetAndIntegratedLinesInPlace() throws Exception {
        LoudnessPlotData data = song("Nuit blanche", 75, -14);
        Path png = dir.resolve("plot.png");
        LoudnessPlot.write(data, 1600, 600, png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1600, image.getWidth());
        assertEquals(600, image.getHeight());

        PlotLayout layout = new PlotLayout(1600, 600, data);
        int targetRow = layout.loudRow(-14);
        // A column in the quiet intro, where the curve is far below the target.
        int x = (int) Math.round(layout.x(8.0));
        assertEquals(LoudnessPlot.TARGET.getRGB(), image.getRGB(x, targetRow), "target line at row " + targetRow);
        assertEquals(LoudnessPlot.TARGET.getRGB(), image.getRGB(layout.plotRight() - 300, targetRow));
        int rowsPerLu = (int) Math.round((layout.loudY(-20) - layout.loudY(-14)) / 6);
        assertTrue(rowsPerLu >= 5, "the axis is readable: " + rowsPerLu + " rows per LU");

        // The short-term curve passes through the intro's level (−26 LUFS, measured below).
        double intro = data.shortTermLufs()[(int) Math.round((8.0 - 3.0) / 0.1)];
        int curveRow = layout.loudRow(intro);
        boolean curveFound = false;
        for (int dy = -2; dy <= 2; dy++) {
            curveFound |= isCurveColoured(image.getRGB(x, curveRow + dy));
        }
        assertTrue(curveFound, "short-term curve at " + intro + " LUFS near row " + curveRow);

        // The waveform is drawn: the loud middle reaches further out than the quiet intro.
        assertTrue(extent(image, layout, layout.x(40)) > 2 * extent(image, layout, layout.x(8)));
    }

    @Test
    void renderingIsDeterministic() throws Exception {
        LoudnessPlotData data = song("Repeat", 20, -16);
        Path a = dir.resolve("a.png");
        Path b = dir.resolve("b.png");
        LoudnessPlot.write(data, 1200, 500, a);
        LoudnessPlot.write(data, 1200, 500, b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void waveformSummaryKeepsTheTrueExtremesWhateverTheLength() {
        for (int frames : new int[] {10, 999, 4096, 100_003, 1_000_000}) {
            WaveformSummary summary = new WaveformSummary(100, RATE);
            double[][] x = new double[2][frames];
            SplittableRandom random = new SplittableRandom(frames);
            for (int i = 0; i < frames; i++) {
                x[0][i] = random.nextDouble(-0.5, 0.5);
                x[1][i] = random.nextDouble(-0.5, 0.5);
            }
            x[0][frames - 1] = 0.9;   // the very last frame
            x[1][frames / 3] = -0.8;  // a third of the way in
            for (int at = 0; at < frames; at += 777) {
                int n = Math.min(777, frames - at);
                double[][] block = {Arrays.copyOfRange(x[0], at, at + n), Arrays.copyOfRange(x[1], at, at + n)};
                summary.process(block, n);
            }
            double[][] view = summary.columnsView();
            assertEquals(0.9, view[1][99], 0.0, frames + " frames: last column holds the last frame's peak");
            int column = (int) ((long) (frames / 3) * 100 / frames);
            assertEquals(-0.8, view[0][column], 0.0, frames + " frames: the dip is in column " + column);
            assertTrue(frames < 200 || summary.bucketFrames() * 100 <= frames, "buckets never coarser than columns");
            if (frames >= 100_000) { // enough samples per column for a steady RMS
                assertEquals(Math.sqrt(1 / 12.0), view[2][50], 0.02, frames + " frames: RMS of uniform ±0.5");
            }
        }
    }

    /** A song with a quiet intro (to 20 s), a loud middle and a quiet end, measured like the chain does. */
    static LoudnessPlotData song(String title, double seconds, double target) {
        int n = (int) (seconds * RATE);
        WaveformSummary waveform = new WaveformSummary(1600, RATE);
        LoudnessMeter meter = new LoudnessMeter(RATE, 2);
        SplittableRandom random = new SplittableRandom(11);
        int block = 4800;
        double[][] x = new double[2][block];
        for (int at = 0; at < n; at += block) {
            for (int i = 0; i < block; i++) {
                double t = (double) (at + i) / RATE;
                double level = t < 20 ? 0.03 : t < seconds - 10 ? 0.3 : 0.08;
                double beat = t % 0.5;
                double kick = Math.exp(-beat / 0.06) * Math.sin(2 * Math.PI * 60 * beat);
                for (int c = 0; c < 2; c++) {
                    x[c][i] = level * (0.6 * random.nextGaussian() * 0.5 + kick);
                }
            }
            waveform.process(x, block);
            meter.process(x, block);
        }
        return LoudnessPlotData.of(title, waveform, meter, target, -1.0);
    }

    private static boolean isCurveColoured(int rgb) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        return r > 0xB0 && g > 0x80 && b < 0x80; // the amber of the curve, anti-aliased or not
    }

    /** Rows above the waveform's centre line painted in peak or RMS colour at column x. */
    private static int extent(BufferedImage image, PlotLayout layout, double x) {
        int count = 0;
        for (int y = layout.waveTop; y < (layout.waveTop + layout.waveBottom) / 2; y++) {
            int rgb = image.getRGB((int) Math.round(x), y);
            if (rgb == LoudnessPlot.PEAK.getRGB() || rgb == LoudnessPlot.RMS.getRGB()) {
                count++;
            }
        }
        return count;
    }
}
