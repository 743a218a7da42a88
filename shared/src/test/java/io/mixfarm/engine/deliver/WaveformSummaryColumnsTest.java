package io.mixfarm.engine.deliver;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each column of the overview is, by brute force over the frames, the extremes and RMS of the
 * buckets that hold frames {@code [j·N/columns, (j+1)·N/columns)} (at least one frame), for
 * streams shorter than the picture, about as long, and far longer (buckets of many frames).
 */
class WaveformSummaryColumnsTest {

    @Test
    void everyColumnCoversExactlyItsShareOfTheFrames() {
        int columns = 97;
        for (int frames : new int[] {1, 5, 96, 97, 98, 150, 193, 194, 195, 1000, 12_345, 100_003}) {
            double[] x = new double[frames];
            SplittableRandom random = new SplittableRandom(frames);
            for (int i = 0; i < frames; i++) {
                x[i] = random.nextDouble(-1, 1);
            }
            WaveformSummary summary = new WaveformSummary(columns, 8000);
            summary.process(new double[][] {x}, frames);
            double[][] view = summary.columnsView();
            long bucket = summary.bucketFrames();
            for (int j = 0; j < columns; j++) {
                long start = (long) frames * j / columns;
                long end = Math.max(start + 1, (long) frames * (j + 1) / columns);
                // whole buckets: from the one holding the first frame to the one holding the last
                int from = (int) (Math.min(start, frames - 1) / bucket * bucket);
                int to = (int) Math.min(frames, ((Math.min(end, frames) - 1) / bucket + 1) * bucket);
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                double energy = 0;
                for (int i = from; i < to; i++) {
                    lo = Math.min(lo, x[i]);
                    hi = Math.max(hi, x[i]);
                    energy += x[i] * x[i];
                }
                String what = frames + " frames, column " + j;
                assertEquals(lo, view[0][j], 0.0, what + ": minimum");
                assertEquals(hi, view[1][j], 0.0, what + ": maximum");
                assertEquals(Math.sqrt(energy / (to - from)), view[2][j], 1e-12, what + ": RMS");
            }
        }
    }
}
