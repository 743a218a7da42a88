package io.mixfarm.engine.mix;

import io.mixfarm.engine.dsp.Compressor;
import io.mixfarm.engine.dsp.GainEnvelope;
import io.mixfarm.engine.dsp.Reverb;
import io.mixfarm.engine.dsp.StereoDelay;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resampled stems stay aligned, reverb decays as set, and thread count never changes a bit. */
class MixTimingTest {

    private static final int RATE = 48000;

    @Test
    void aStemAtAnotherRateIsResampledInPlaceAndInTime() throws Exception {
        for (int stemRate : new int[] {44100, 96000, 32000}) {
            int frames = stemRate * 2;
            double[] sine = Signals.sine(frames, 1000, 0.5, stemRate);
            StemNode stem = new StemNode("s", ArrayReader.source(stemRate, sine, sine.clone()), StripSettings.NEUTRAL,
                    null, List.of());
            double[] out = CaptureWriter.render(new MixGraph(RATE, List.of(stem), List.of()), 1).left();
            assertEquals((frames * (long) RATE + stemRate - 1) / stemRate, out.length, "length ceil(N·48000/" + stemRate + ")");
            // Away from the edges (where the filter sees the cut), the output is the same sine at
            // 48 kHz: one sample of misalignment would leave a residual near -17 dB.
            double[] middle = Arrays.copyOfRange(out, RATE / 4, RATE * 7 / 4);
            double[] expected = new double[middle.length];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = 0.5 * Math.sin(2 * Math.PI * 1000 * (i + RATE / 4) / RATE);
            }
            double residual = Signals.residualDb(middle, expected);
            assertTrue(residual < -100, stemRate + " Hz stem: residual " + residual + " dB");
        }
    }

    @Test
    void resamplingIsFlatInThePassbandAndRejectsTheStopband() throws Exception {
        // 0.45·fs of the lower rate is passed within 0.01 dB...
        double edge = 0.45 * 44100;
        double passed = toneLevelDb(render(44100, edge, 0.5), edge);
        assertEquals(20 * Math.log10(0.5), passed, 0.01, "44.1 kHz stem, tone at 0.45·fs");
        // ...and what a 96 kHz stem holds above the session's Nyquist does not alias back.
        double above = 30_000;
        double alias = 48_000 - above;
        double leaked = toneLevelDb(render(96000, above, 0.5), alias);
        assertTrue(leaked < 20 * Math.log10(0.5) - 100, "30 kHz in a 96 kHz stem leaks " + leaked + " dB at 18 kHz");
    }

    private static double[] render(int stemRate, double freq, double amplitude) throws Exception {
        double[] tone = Signals.sine(stemRate, freq, amplitude, stemRate);
        StemNode stem = new StemNode("s", ArrayReader.source(stemRate, tone, tone.clone()), StripSettings.NEUTRAL, null, List.of());
        return CaptureWriter.render(new MixGraph(RATE, List.of(stem), List.of()), 1).left();
    }

    /** Amplitude in dB of the component at {@code freq} over the middle half second (a Hann-windowed DFT bin). */
    private static double toneLevelDb(double[] x, double freq) {
        int from = RATE / 4;
        int n = RATE / 2;
        double re = 0;
        double im = 0;
        double windowSum = 0;
        for (int i = 0; i < n; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
            double phase = 2 * Math.PI * freq * (from + i) / RATE;
            re += w * x[from + i] * Math.cos(phase);
            im += w * x[from + i] * Math.sin(phase);
            windowSum += w;
        }
        return 20 * Math.log10(2 * Math.hypot(re, im) / windowSum);
    }

    @Test
    void reverbBusDecaysInItsRt60() throws Exception {
        for (double rt60 : new double[] {0.8, 2.0}) {
            double[] click = Signals.impulse(RATE / 10, 100, 1.0);
            StemNode stem = new StemNode("click", ArrayReader.source(RATE, click, click.clone()),
                    StripSettings.builder().faderDb(-120).build(), null, List.of(new SendSettings("room", 0, true)));
            BusNode room = new BusNode("room", new BusEffect.ReverbEffect(new Reverb.Settings(rt60, 1, 1, 0)),
                    StripSettings.NEUTRAL, null, List.of());
            MixGraph graph = new MixGraph(RATE, List.of(stem), List.of(room));
            CaptureWriter out = CaptureWriter.render(graph, 2);
            double[] l = out.left();
            double[] r = out.right();
            double[] energy = new double[l.length + 1]; // Schroeder backward integral
            for (int i = l.length - 1; i >= 0; i--) {
                energy[i] = energy[i + 1] + l[i] * l[i] + r[i] * r[i];
            }
            int t5 = firstBelow(energy, -5);
            int t35 = firstBelow(energy, -35);
            double measured = 2.0 * (t35 - t5) / RATE;
            assertEquals(rt60, measured, 0.1 * rt60, "RT60 from T30");
            double end = 0;
            for (int i = l.length - RATE / 10; i < l.length; i++) {
                end = Math.max(end, Math.abs(l[i]));
            }
            assertTrue(end < 1e-6, "the tail has rung out below -120 dB by the end: " + end);
        }
    }

    private static int firstBelow(double[] energy, double db) {
        for (int i = 0; i < energy.length; i++) {
            if (10 * Math.log10(energy[i] / energy[0]) <= db) {
                return i;
            }
        }
        throw new AssertionError("never fell " + db + " dB");
    }

    @Test
    void theMixIsBitIdenticalForOneTwoAndEightThreads() throws Exception {
        MixGraph graph = busySong();
        CaptureWriter one = CaptureWriter.render(graph, 1);
        for (int threads : new int[] {2, 8}) {
            CaptureWriter many = CaptureWriter.render(graph, threads);
            assertTrue(Arrays.equals(one.left(), many.left()) && Arrays.equals(one.right(), many.right()),
                    threads + " threads differ from one");
        }
        assertTrue(one.left().length > RATE * 2, "the song and its tail were rendered");
    }

    /** Mono and stereo stems at three rates, every strip stage, groups, sends and both effects. */
    private static MixGraph busySong() {
        List<StemNode> stems = new ArrayList<>();
        int[] rates = {48000, 44100, 96000};
        for (int s = 0; s < 12; s++) {
            int rate = rates[s % 3];
            int frames = rate * (2 + s % 2);
            StemSource source = s % 2 == 0
                    ? ArrayReader.source(rate, Signals.noise(frames, 0.3, s))
                    : ArrayReader.source(rate, Signals.noise(frames, 0.3, s), Signals.noise(frames, 0.3, 100 + s));
            StripSettings.Builder strip = StripSettings.builder().trimDb(s - 6).invertPolarity(s % 5 == 0)
                    .highPass(new FilterSettings(40 + s, s % 2 == 0 ? 12 : 24))
                    .eq(List.of(new EqBandSettings(EqBandSettings.Shape.BELL, 500 + 100 * s, 3, 1)))
                    .compressor(new Compressor.Settings(-20, 3, 4, 5, 80, 2,
                            s % 3 == 0 ? Compressor.Detection.RMS : Compressor.Detection.PEAK))
                    .fader(GainEnvelope.of(List.of(new GainEnvelope.Point(0, -3), new GainEnvelope.Point(1.5, -1 - s))));
            if (s % 2 == 0) {
                strip.pan((s - 6) / 6.0);
            } else {
                strip.balance(0.1).width(1.3);
            }
            stems.add(new StemNode("stem" + s, source, strip.build(), s % 4 == 0 ? "drums" : null,
                    List.of(new SendSettings("room", -12, s % 2 == 0), new SendSettings("echo", -18, false))));
        }
        List<BusNode> buses = List.of(
                new BusNode("drums", null, StripSettings.builder().compressor(
                        new Compressor.Settings(-15, 4, 0, 10, 100, 0, Compressor.Detection.PEAK)).build(), null,
                        List.of(new SendSettings("room", -10, false))),
                new BusNode("room", new BusEffect.ReverbEffect(new Reverb.Settings(0.5, 0.7, 0.5, 10)),
                        StripSettings.builder().highPass(new FilterSettings(200, 12)).build(), null, List.of()),
                new BusNode("echo", new BusEffect.DelayEffect(new StereoDelay.Settings(120, 0.3, 5000, true)),
                        StripSettings.NEUTRAL, "drums", List.of()));
        return new MixGraph(RATE, stems, buses);
    }
}
