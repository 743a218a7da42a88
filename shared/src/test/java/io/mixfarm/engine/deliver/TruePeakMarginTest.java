package io.mixfarm.engine.deliver;

import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.TrackMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How far SRC and dither move the true peak of a master at −1.1 dBTP: the margin the mastering
 * chain needs. Prints a table; asserts the margins documented in DeliveryWriter.
 */
class TruePeakMarginTest {
    @TempDir
    Path dir;

    @Test
    void overshootAfterConversionAndDither() throws Exception {
        int[][] conversions = {{48_000, 44_100}, {96_000, 44_100}, {96_000, 48_000}, {44_100, 48_000}, {48_000, 96_000}};
        java.util.Map<String, Double> worst = new java.util.TreeMap<>();
        for (MasteredSignal.Style style : MasteredSignal.Style.values()) {
            for (int[] conv : conversions) {
                double[][] master = MasteredSignal.create(conv[0], 12, -1.1, style, 7);
                List<DeliveryResult> results = DeliveryWriterTest.deliverAt(master, conv[0], List.of(
                        new DeliverySpec(dir.resolve("a.wav"), Container.WAV, conv[1], SampleFormat.PCM_16, DitherMode.TPDF,
                                TrackMetadata.NONE),
                        new DeliverySpec(dir.resolve("b.wav"), Container.WAV, conv[1], SampleFormat.PCM_16,
                                conv[1] >= 44_100 ? DitherMode.TPDF_SHAPED : DitherMode.TPDF, TrackMetadata.NONE),
                        new DeliverySpec(dir.resolve("c.wav"), Container.WAV, conv[1], SampleFormat.FLOAT_32, DitherMode.NONE,
                                TrackMetadata.NONE)), 4096);
                for (DeliveryResult r : results) {
                    double over = r.peakDbtp() + 1.1;
                    System.out.printf("%-7s %6d -> %6d %-8s %-11s BS.1770 %7.3f  fine %7.3f  overshoot %+.3f dB%n",
                            style, conv[0], conv[1], r.format(), r.dither(), r.truePeakDbtp(), r.interSamplePeakDbtp(), over);
                    String key = style + (conv[0] > 48_000 ? " from 88.2/96k" : " from 44.1/48k");
                    worst.merge(key, over, Math::max);
                }
            }
        }
        worst.forEach((k, v) -> System.out.printf("worst overshoot %-28s %+.3f dB%n", k, v));
        // Measured: +0.000, +0.366, +0.004 and +1.298 dB. From 44.1/48k the chain needs no margin to
        // speak of; from 96k, removing the ultrasonic part of saturated or clipped peaks (Gibbs)
        // lifts the true peak, so those deliverables must be checked and re-mastered.
        assertTrue(worst.get("LIMITED from 44.1/48k") <= 0.02, "limited 44.1/48k master: " + worst);
        assertTrue(worst.get("LIMITED from 88.2/96k") <= 0.45, "limited 96k master: " + worst);
        assertTrue(worst.get("CLIPPED from 44.1/48k") <= 0.05, "clipped 44.1/48k master: " + worst);
        assertTrue(worst.get("CLIPPED from 88.2/96k") <= 1.5, "clipped 96k master: " + worst);
    }
}
