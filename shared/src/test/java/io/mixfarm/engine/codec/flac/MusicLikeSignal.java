package io.mixfarm.engine.codec.flac;

import java.util.Random;

/**
 * Synthesized material that compresses like music rather than like a test tone: chords and a
 * melody of detuned harmonic voices with vibrato and envelopes, a drum track of pitched and
 * noise bursts with decays, comb-filter reverb tails that differ per channel, and a noise floor
 * (TPDF dither at the target depth, plus analog-like hiss for 24-bit). Deterministic per seed.
 */
final class MusicLikeSignal {
    private static final double TWO_PI = 2 * Math.PI;
    private static final int[] SCALE = {0, 2, 4, 7, 9}; // pentatonic semitones

    private final int channels;
    private final int rate;
    private final Random random;
    private final double[][] mix;

    private MusicLikeSignal(int channels, int rate, int frames, long seed) {
        this.channels = channels;
        this.rate = rate;
        this.random = new Random(seed);
        this.mix = new double[channels][frames];
    }

    /** {@code seconds} of music-like audio on the integer grid of {@code bits}, peaking near -1 dBFS. */
    static int[][] generate(int channels, int rate, double seconds, int bits, long seed) {
        MusicLikeSignal s = new MusicLikeSignal(channels, rate, (int) Math.round(seconds * rate), seed);
        s.addVoices();
        s.addDrums();
        s.addReverb();
        return s.quantize(bits);
    }

    private void addVoices() {
        int frames = mix[0].length;
        double chordLength = 2.0;
        for (double start = 0; start * rate < frames; start += chordLength) {
            int root = random.nextInt(5);
            for (int voice = 0; voice < 3; voice++) {
                double freq = noteFrequency(45 + SCALE[(root + 2 * voice) % 5] + 12 * (voice / 2));
                note(start, chordLength * 1.1, freq, 0.12, random.nextDouble());
            }
            for (double t = start; t < start + chordLength; ) {
                double length = 0.125 * (1 + random.nextInt(4));
                double freq = noteFrequency(69 + SCALE[random.nextInt(5)] + 12 * (random.nextInt(2) - 1));
                note(t, length * 1.2, freq, 0.16, 0.3 + 0.4 * random.nextDouble());
                t += length;
            }
        }
    }

    private static double noteFrequency(int midi) {
        return 440.0 * Math.pow(2, (midi - 69) / 12.0);
    }

    /**
     * A harmonic voice: two oscillators detuned by a few cents, six partials each (by the
     * Chebyshev recurrence, so one sin/cos per oscillator per sample), shared vibrato, an
     * attack-decay-release envelope.
     */
    private void note(double start, double length, double freq, double level, double pan) {
        int from = (int) (start * rate);
        int to = Math.min(mix[0].length, from + (int) (length * rate));
        double detune = Math.pow(2, (2 + 4 * random.nextDouble()) / 1200);
        double[] partials = new double[7];
        for (int h = 1; h <= 6; h++) {
            partials[h] = level / Math.pow(h, 1.3) * (0.5 + 0.5 * random.nextDouble());
        }
        double vibratoRate = 4.5 + 2 * random.nextDouble();
        double phaseA = TWO_PI * random.nextDouble();
        double phaseB = TWO_PI * random.nextDouble();
        double[] gains = panGains(pan);
        for (int i = from; i < to; i++) {
            double t = (i - from) / (double) rate;
            double vibrato = 1 + 0.004 * Math.min(1, t / 0.3) * Math.sin(TWO_PI * vibratoRate * t);
            phaseA += TWO_PI * freq * vibrato / rate;
            phaseB += TWO_PI * freq * detune * vibrato / rate;
            double v = (harmonics(phaseA, partials) + harmonics(phaseB, partials)) * envelope(t, length);
            for (int c = 0; c < channels; c++) {
                mix[c][i] += v * gains[c];
            }
        }
    }

    private static double harmonics(double phase, double[] partials) {
        double s1 = Math.sin(phase);
        double twoCos = 2 * Math.cos(phase);
        double previous = 0;
        double current = s1;
        double sum = 0;
        for (int h = 1; h < partials.length; h++) {
            sum += partials[h] * current;
            double next = twoCos * current - previous;
            previous = current;
            current = next;
        }
        return sum;
    }

    private static double envelope(double t, double length) {
        double attack = Math.min(1, t / 0.01);
        double decay = 0.6 + 0.4 * Math.exp(-t / 0.2);
        double release = Math.min(1, (length - t) / 0.15);
        return attack * decay * Math.exp(-t / 3) * Math.max(0, release);
    }

    /** Kick (pitch-swept sine) on beats 1 and 3, snare (filtered noise + tone) on 2 and 4, hats on eighths. */
    private void addDrums() {
        int frames = mix[0].length;
        double beat = 0.5;
        for (int n = 0; n * beat * rate < frames; n++) {
            double t0 = n * beat;
            if (n % 2 == 0) {
                drum(t0, 0.5, 0.5, 0.0, 0.15, 0.7, 0.5);
            } else {
                drum(t0, 0.35, 0.3, 0.7, 0.08, 0.4, 0.45);
            }
            drum(t0, 0.1, 0.05, 0.95, 0.03, 0.05, 0.8);
            drum(t0 + beat / 2, 0.1, 0.04, 0.95, 0.025, 0.05, 0.8);
        }
    }

    /**
     * One hit: a sine gliding from 120 to 45 Hz mixed with noise ({@code noisiness}), brightened
     * by {@code brightness} (one-pole filter coefficient), decaying with {@code tau} seconds.
     */
    private void drum(double start, double length, double level, double noisiness, double tau,
                      double brightness, double pan) {
        int from = (int) (start * rate);
        int to = Math.min(mix[0].length, from + (int) (length * rate));
        double[] gains = panGains(pan);
        double phase = 0;
        double low = 0;
        double previous = 0;
        double hitLevel = level * (0.8 + 0.2 * random.nextDouble());
        for (int i = from; i < to; i++) {
            double t = (i - from) / (double) rate;
            phase += TWO_PI * (45 + 75 * Math.exp(-t / 0.04)) / rate;
            double noise = random.nextGaussian();
            low += (1 - brightness) * (noise - low);
            double bright = noise - low;
            double noisy = bright * brightness + low * (1 - brightness) - 0.3 * previous;
            previous = noisy;
            double v = hitLevel * Math.exp(-t / tau) * ((1 - noisiness) * Math.sin(phase) + noisiness * 0.5 * noisy);
            for (int c = 0; c < channels; c++) {
                mix[c][i] += v * gains[c];
            }
        }
    }

    /** Four damped feedback combs per channel, with channel-specific delays so tails decorrelate. */
    private void addReverb() {
        int[] baseDelays = {1557, 1617, 1491, 1422};
        for (int c = 0; c < channels; c++) {
            double[] dry = mix[c].clone();
            double[] wet = new double[dry.length];
            for (int k = 0; k < baseDelays.length; k++) {
                int delay = (int) ((baseDelays[k] + 23 * c) * rate / 44100.0);
                double[] line = new double[delay];
                double damped = 0;
                int pos = 0;
                for (int i = 0; i < dry.length; i++) {
                    double out = line[pos];
                    damped += 0.4 * (out - damped);
                    line[pos] = dry[i] + 0.82 * damped;
                    pos = pos + 1 == delay ? 0 : pos + 1;
                    wet[i] += out * 0.06;
                }
            }
            for (int i = 0; i < dry.length; i++) {
                mix[c][i] = dry[i] + wet[i];
            }
        }
    }

    /** Constant-power gains placing a source at {@code pan} in [0, 1] across the channels. */
    private double[] panGains(double pan) {
        double[] gains = new double[channels];
        for (int c = 0; c < channels; c++) {
            double position = channels == 1 ? pan : c / (double) (channels - 1);
            gains[c] = Math.cos(Math.min(Math.PI / 2, Math.abs(pan - position) * Math.PI / 1.5)) * 0.8 + 0.2;
        }
        return gains;
    }

    private int[][] quantize(int bits) {
        double peak = 1e-9;
        for (double[] channel : mix) {
            for (double v : channel) {
                peak = Math.max(peak, Math.abs(v));
            }
        }
        double full = 1L << (bits - 1);
        double gain = 0.89 * full / peak;
        double hiss = bits > 16 ? full * 2e-5 : 0; // about -94 dBFS of analog noise
        int[][] out = new int[channels][mix[0].length];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < mix[c].length; i++) {
                double dither = random.nextDouble() - random.nextDouble();
                double v = mix[c][i] * gain + hiss * random.nextGaussian() + dither;
                out[c][i] = (int) Math.max(-full, Math.min(full - 1, Math.rint(v)));
            }
        }
        return out;
    }
}
