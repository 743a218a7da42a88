package io.mixfarm.engine.deliver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The fast paths of the plot paint what Java 2D alone paints: rectangles written straight into
 * the pixels, the canvas each thread reuses from song to song, and the PNG encoding, whose
 * decoded pixels must be the reference rendering's, pixel for pixel.
 */
class LoudnessPlotPixelsTest {

    @TempDir
    Path dir;

    @Test
    void directFillsPaintExactlyWhatFillRectPaints() {
        LoudnessPlotData data = LoudnessPlotTest.song("Direct", 30, -14);
        int[] reference = LoudnessPlot.pixels(LoudnessPlot.render(data, 1600, 600, false));
        int[] direct = LoudnessPlot.pixels(LoudnessPlot.render(data, 1600, 600, true));
        assertArrayEquals(reference, direct);
    }

    /**
     * The waveform's bars painted row by row over the grid and the unit label, for waveforms of
     * every kind (bars over the labels, clipped, full-scale, one-pixel, none at all, not even
     * numbers) and plot sizes: the same pixels as the panel then each bar painted with fillRect.
     */
    @Test
    void barsPaintedRowByRowAreTheBarsPaintedColumnByColumn() {
        int rate = 8000;
        SplittableRandom random = new SplittableRandom(3);
        double[][] shapes = new double[6][];
        shapes[0] = sine(rate, 1, 0.4, 110); // the control-plane bench's song, about
        shapes[1] = sine(rate, 3, 1.7, 55); // clipped: bars from edge to edge, over the labels
        shapes[2] = sine(rate, 2, 0.001, 440); // one-pixel bars about the centre line
        shapes[3] = new double[rate * 2];
        for (int i = 0; i < shapes[3].length; i++) {
            shapes[3][i] = random.nextDouble() < 0.01 ? random.nextDouble(-1, 1) : 0.02 * random.nextGaussian();
        }
        shapes[4] = new double[0]; // no audio: no bars
        shapes[5] = sine(rate, 1, 0.5, 110);
        shapes[5][4000] = Double.NaN; // a bar that is not a number: painted as before, whatever that is
        int[][] sizes = {{1600, 600}, {800, 300}, {400, 240}, {1920, 1080}};
        for (int s = 0; s < shapes.length; s++) {
            WaveformSummary waveform = new WaveformSummary(2048, rate);
            waveform.process(new double[][] {shapes[s]}, shapes[s].length);
            double ceiling = s % 2 == 0 ? -1 : Double.NaN;
            LoudnessPlotData data = new LoudnessPlotData("Shape " + s, waveform, new double[] {-12, -11, -13}, 3.0, -14,
                    -12, 4, -0.5, ceiling);
            for (int[] size : sizes) {
                int[] reference = LoudnessPlot.pixels(LoudnessPlot.render(data, size[0], size[1], false));
                int[] direct = LoudnessPlot.pixels(LoudnessPlot.render(data, size[0], size[1], true));
                assertArrayEquals(reference, direct, "shape " + s + " at " + size[0] + " x " + size[1]);
            }
        }
    }

    private static double[] sine(int rate, double seconds, double amplitude, double hz) {
        double[] x = new double[(int) (rate * seconds)];
        for (int i = 0; i < x.length; i++) {
            x[i] = amplitude * Math.sin(2 * Math.PI * hz * i / rate) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 3 * i / rate));
        }
        return x;
    }

    @Test
    void writtenPlotsDecodeToTheReferencePixelsWhateverThreadAndOrderWroteThem() throws Exception {
        List<LoudnessPlotData> songs = List.of(LoudnessPlotTest.song("Loud", 40, -9),
                LoudnessPlotTest.song("Quiet and long", 95, -23), LoudnessPlotTest.song("Short", 4, -14));
        List<BufferedImage> references = new ArrayList<>();
        for (LoudnessPlotData song : songs) {
            references.add(LoudnessPlot.render(song, 1600, 600, false));
        }
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    // each thread's canvas holds another song, or another size, before each plot
                    for (int round = 0; round < 2; round++) {
                        for (int i = 0; i < songs.size(); i++) {
                            int s = (i + thread) % songs.size();
                            Path png = dir.resolve("t" + thread + "-r" + round + "-" + s + ".png");
                            LoudnessPlot.write(songs.get(s), 1600, 600, png);
                            assertSamePixels(references.get(s), ImageIO.read(png.toFile()), png.toString());
                        }
                        LoudnessPlot.write(songs.get(0), 800, 300, dir.resolve("t" + thread + "-small.png"));
                    }
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                f.get();
            }
        } finally {
            threads.shutdown();
        }
        BufferedImage small = ImageIO.read(dir.resolve("t0-small.png").toFile());
        assertSamePixels(LoudnessPlot.render(songs.get(0), 800, 300, false), small, "the 800 x 300 plot");
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual, String what) {
        assertEquals(expected.getWidth(), actual.getWidth(), what);
        assertEquals(expected.getHeight(), actual.getHeight(), what);
        int w = expected.getWidth();
        int h = expected.getHeight();
        int[] e = expected.getRGB(0, 0, w, h, null, 0, w);
        int[] a = actual.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < e.length; i++) {
            if (e[i] != a[i]) {
                throw new AssertionError(String.format("%s: pixel (%d, %d) is %08x, the reference %08x", what,
                        i % w, i / w, a[i], e[i]));
            }
        }
    }
}
