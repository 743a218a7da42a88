package io.mixfarm.engine.deliver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
