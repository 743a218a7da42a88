package io.mixfarm.engine.deliver;

import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.dsp.Resampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One master, three deliverables: lengths, alignment, peaks and contents checked against ffmpeg. */
class DeliveryWriterTest {
    private static final int RATE = 48_000;
    private static final double CEILING = -1.0;

    @TempDir
    Path dir;

    @Test
    void cdLabelAndStoreDeliverablesStayUnderTheCeilingAndDecodeAsIntended() throws Exception {
        double[][] master = MasteredSignal.create(RATE, 20, -1.1, 1);
        int n = master[0].length;
        List<DeliverySpec> specs = List.of(
                DeliverySpec.of(dir.resolve("cd.wav"), Container.WAV, 44_100, SampleFormat.PCM_16, TrackMetadataInteropTest.TAGS),
                DeliverySpec.of(dir.resolve("label.flac"), Container.FLAC, 48_000, SampleFormat.PCM_24, TrackMetadataInteropTest.TAGS),
                DeliverySpec.of(dir.resolve("hires.wav"), Container.WAV, 96_000, SampleFormat.FLOAT_32, TrackMetadataInteropTest.TAGS));
        List<DeliveryResult> results = deliver(master, specs, 3001);

        long[] expectedFrames = {Math.round(n * 44_100.0 / RATE), n, 2L * n};
        for (int i = 0; i < specs.size(); i++) {
            DeliveryResult r = results.get(i);
            Path file = r.path();
            assertEquals(expectedFrames[i], r.frames(), file + " frames");
            assertEquals(Files.size(file), r.bytes());
            assertEquals(sha256(file), r.sha256());

            Tools.Ebur128 ffmpeg = Tools.ebur128(file);
            System.out.printf("%-10s TP %.3f dBTP (BS.1770), %.3f dBTP (8x/4x), ffmpeg %.1f dBTP; I %.2f LUFS, ffmpeg %.1f%n",
                    file.getFileName(), r.truePeakDbtp(), r.interSamplePeakDbtp(), ffmpeg.truePeakDbtp(),
                    r.integratedLufs(), ffmpeg.integratedLufs());
            assertTrue(ffmpeg.truePeakDbtp() <= CEILING, file + ": ffmpeg true peak " + ffmpeg.truePeakDbtp());
            assertFalse(r.exceeds(CEILING), file + ": " + r);
            assertEquals(ffmpeg.integratedLufs(), r.integratedLufs(), 0.06, file + " integrated loudness");

            double[][] ours = Tools.read(file);
            double[][] theirs = Tools.ffmpegDecode(file, 2, r.format().isFloatingPoint(), dir);
            for (int c = 0; c < 2; c++) {
                assertArrayEquals(ours[c], theirs[c], 0.0, file + " channel " + c + ": our decoder vs ffmpeg");
            }
        }
        // What we meant to write: the same chain built by hand, sample for sample.
        double[][] cd = Tools.read(results.get(0).path());
        double[][] intendedCd = dither(convert(master, 44_100), DitherMode.TPDF, 16, 44_100);
        double[][] label = Tools.read(results.get(1).path());
        double[][] intendedLabel = dither(copy(master), DitherMode.TPDF, 24, 48_000);
        for (int c = 0; c < 2; c++) {
            assertArrayEquals(intendedCd[c], cd[c], 0.0, "CD channel " + c);
            assertArrayEquals(intendedLabel[c], label[c], 0.0, "label channel " + c);
        }
        double[][] hires = Tools.read(results.get(2).path());
        double[][] intendedHires = convert(master, 96_000);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < intendedHires[c].length; i++) {
                assertEquals((float) intendedHires[c][i], hires[c][i], 0.0, "hi-res sample " + i);
            }
        }
    }

    /** A click at input time t is the loudest sample at round(t·out/in) in every output. */
    @Test
    void anOnsetLandsAtTheSameTimeInEveryOutput() throws Exception {
        int[] clicks = {24_000, 48_001, 71_999};
        double[][] master = new double[2][96_000];
        for (int click : clicks) {
            master[0][click] = 0.5;
            master[1][click] = -0.5;
        }
        int[] rates = {44_100, 48_000, 96_000, 88_200, 32_000};
        List<DeliverySpec> specs = new java.util.ArrayList<>();
        for (int rate : rates) {
            specs.add(new DeliverySpec(dir.resolve("click-" + rate + ".wav"), Container.WAV, rate, SampleFormat.FLOAT_32,
                    DitherMode.NONE, io.mixfarm.engine.audio.TrackMetadata.NONE));
        }
        specs.add(DeliverySpec.of(dir.resolve("click-16.flac"), Container.FLAC, 44_100, SampleFormat.PCM_16,
                io.mixfarm.engine.audio.TrackMetadata.NONE));
        List<DeliveryResult> results = deliver(master, specs, 777);
        for (DeliveryResult r : results) {
            double[][] out = Tools.read(r.path());
            assertEquals(Math.round(96_000.0 * r.sampleRate() / RATE), out[0].length);
            for (int click : clicks) {
                double exact = (double) click * r.sampleRate() / RATE;
                int from = (int) exact - 30;
                int loudest = from;
                for (int i = from; i < from + 60; i++) {
                    if (Math.abs(out[0][i]) > Math.abs(out[0][loudest])) {
                        loudest = i;
                    }
                }
                assertEquals(Math.round(exact), loudest, r.path().getFileName() + ": click at input " + click);
                assertTrue(out[0][loudest] > 0 && out[1][loudest] < 0, "polarity kept");
            }
        }
    }

    /** Flat within 0.01 dB to 20 kHz, images and aliases ≥ 100 dB down: 48 → 44.1 and 96 → 48 kHz. */
    @Test
    void conversionIsFlatInThePassbandAndQuietInTheStopband() throws Exception {
        checkBands(48_000, 44_100, new double[] {20, 100, 1000, 5000, 10_000, 15_000, 19_000, 20_000},
                new double[] {22_500, 23_000, 23_900});
        checkBands(96_000, 48_000, new double[] {20, 1000, 10_000, 20_000},
                new double[] {25_000, 30_000, 40_000, 47_000});
        checkBands(44_100, 96_000, new double[] {20, 1000, 10_000, 20_000}, new double[0]);
    }

    private void checkBands(int inRate, int outRate, double[] passband, double[] stopband) throws Exception {
        int n = inRate * 3;
        double amplitude = 0.5;
        for (double f : passband) {
            double[][] tone = tone(n, f, amplitude, inRate);
            double[] out = deliverOne(tone, inRate, outRate);
            int len = 1 << 16;
            double measured = io.mixfarm.engine.deliver.Spectra.toneAmplitude(out, out.length / 2 - len / 2, len, f, outRate);
            assertEquals(0.0, 20 * Math.log10(measured / amplitude), 0.01, inRate + " -> " + outRate + " at " + f + " Hz");
        }
        for (double f : stopband) {
            double[][] tone = tone(n, f, amplitude, inRate);
            double[] out = deliverOne(tone, inRate, outRate);
            double alias = Math.abs(outRate - f); // where a stopband tone would fold to
            int len = 1 << 16;
            double measured = io.mixfarm.engine.deliver.Spectra.toneAmplitude(out, out.length / 2 - len / 2, len, alias, outRate);
            double db = 20 * Math.log10(measured / amplitude);
            assertTrue(db < -100, inRate + " -> " + outRate + ": " + f + " Hz folds to " + alias + " Hz at " + db + " dB");
        }
    }

    @Test
    void floatCannotBeDitheredAndTargetsMustDiffer() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> new DeliverySpec(dir.resolve("a.wav"), Container.WAV, 48_000,
                SampleFormat.FLOAT_32, DitherMode.TPDF, io.mixfarm.engine.audio.TrackMetadata.NONE));
        DeliverySpec a = DeliverySpec.of(dir.resolve("x.wav"), Container.WAV, 48_000, SampleFormat.PCM_16,
                io.mixfarm.engine.audio.TrackMetadata.NONE);
        assertThrows(IllegalArgumentException.class, () -> DeliveryWriter.open(RATE, 2, List.of(a, a)));
        assertThrows(IllegalArgumentException.class, () -> DeliveryWriter.open(RATE, 2, List.of(
                DeliverySpec.of(dir.resolve("f.flac"), Container.FLAC, 48_000, SampleFormat.FLOAT_32,
                        io.mixfarm.engine.audio.TrackMetadata.NONE))));
    }

    @Test
    void shortAndEmptyStreamsGetExactLengths() throws Exception {
        for (int frames : new int[] {0, 1, 7, 160, 1000}) {
            double[][] master = new double[2][frames];
            List<DeliveryResult> results = deliver(master, List.of(
                    DeliverySpec.of(dir.resolve("s" + frames + ".wav"), Container.WAV, 44_100, SampleFormat.PCM_24,
                            io.mixfarm.engine.audio.TrackMetadata.NONE),
                    DeliverySpec.of(dir.resolve("s" + frames + ".flac"), Container.FLAC, 96_000, SampleFormat.PCM_16,
                            io.mixfarm.engine.audio.TrackMetadata.NONE)), 64);
            assertEquals(Math.round(frames * 44_100.0 / RATE), results.get(0).frames());
            assertEquals(2L * frames, results.get(1).frames());
            assertEquals(results.get(0).frames(), Tools.read(results.get(0).path())[0].length);
        }
    }

    // --- helpers ---

    private List<DeliveryResult> deliver(double[][] master, List<DeliverySpec> specs, int block) throws IOException {
        return deliverAt(master, RATE, specs, block);
    }

    static List<DeliveryResult> deliverAt(double[][] master, int rate, List<DeliverySpec> specs, int block)
            throws IOException {
        DeliveryWriter writer = DeliveryWriter.open(rate, master.length, specs, 2048);
        try (writer) {
            double[][] piece = new double[master.length][block];
            for (int at = 0; at < master[0].length; at += block) {
                int n = Math.min(block, master[0].length - at);
                for (int c = 0; c < master.length; c++) {
                    System.arraycopy(master[c], at, piece[c], 0, n);
                }
                writer.write(piece, n);
            }
        }
        return writer.results();
    }

    private double[] deliverOne(double[][] signal, int inRate, int outRate) throws IOException {
        Path file = dir.resolve("band-" + inRate + "-" + outRate + ".wav");
        deliverAt(signal, inRate, List.of(new DeliverySpec(file, Container.WAV, outRate, SampleFormat.FLOAT_32,
                DitherMode.NONE, io.mixfarm.engine.audio.TrackMetadata.NONE)), 4096);
        return Tools.read(file)[0];
    }

    private static double[][] tone(int n, double f, double amplitude, int rate) {
        double[][] x = new double[1][n];
        for (int i = 0; i < n; i++) {
            x[0][i] = amplitude * Math.sin(2 * Math.PI * f * i / rate);
        }
        return x;
    }

    /** The whole signal through a fresh Resampler: latency dropped, trimmed to round(N·out/in). */
    static double[][] convert(double[][] x, int outRate) {
        Resampler r = Resampler.create(RATE, outRate);
        int n = x[0].length;
        r.prepare(RATE, n, x.length);
        double[][] out = new double[x.length][r.maxOutputFrames(n) + r.flushFrames() + r.latencyFrames() + 16];
        int produced = r.process(x, n, out);
        double[][] tail = new double[x.length][r.flushFrames()];
        int flushed = r.flush(tail);
        int length = (int) Math.round((double) n * outRate / RATE);
        double[][] y = new double[x.length][length];
        for (int c = 0; c < x.length; c++) {
            System.arraycopy(tail[c], 0, out[c], produced, flushed);
            System.arraycopy(out[c], r.latencyFrames(), y[c], 0, length);
        }
        return y;
    }

    private static double[][] dither(double[][] x, DitherMode mode, int bits, int rate) {
        Dither d = new Dither(mode, bits);
        d.prepare(rate, x[0].length, x.length);
        d.process(x, x[0].length);
        return x;
    }

    private static double[][] copy(double[][] x) {
        return new double[][] {x[0].clone(), x[1].clone()};
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
