package io.mixfarm.cli.demo;

import java.util.SplittableRandom;

/**
 * Deterministic multi-stem material for the example album: kick, hi-hat, bass, chord pad
 * (stereo) and a lead line, on a shared tempo and chord progression. Each stem renders on its
 * own, so the mixdown has real work to do: balance, EQ, compression, buses, reverb and delay.
 */
public final class ExampleStems {
    /** The stems of every example song, in manifest order. */
    public enum Stem {
        KICK(1), HAT(1), BASS(1), PAD(2), LEAD(1);

        private final int channels;

        Stem(int channels) {
            this.channels = channels;
        }

        public int channels() {
            return channels;
        }

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final double[][] CHORDS = {
            {220.00, 277.18, 329.63}, {196.00, 246.94, 293.66},
            {174.61, 220.00, 261.63}, {164.81, 207.65, 246.94}};
    private static final int[] MELODY = {0, 2, 4, 7, 4, 2, 0, -3};

    private final Stem stem;
    private final int sampleRate;
    private final double beatSeconds;
    private final SplittableRandom noise;
    private double hatState;
    private long frame;

    public ExampleStems(Stem stem, int sampleRate, double tempoBpm, long seed) {
        this.stem = stem;
        this.sampleRate = sampleRate;
        this.beatSeconds = 60.0 / tempoBpm;
        this.noise = new SplittableRandom(seed * 31 + stem.ordinal());
    }

    /** Fills {@code out[channel][0..frames)} with the next frames of this stem. */
    public void render(double[][] out, int frames) {
        for (int i = 0; i < frames; i++, frame++) {
            double t = (double) frame / sampleRate;
            double beats = t / beatSeconds;
            double inBeat = (beats - Math.floor(beats)) * beatSeconds;
            double[] chord = CHORDS[(int) (beats / 4) % CHORDS.length];
            switch (stem) {
                case KICK -> out[0][i] = 0.8 * Math.sin(2 * Math.PI * (48 + 90 * Math.exp(-inBeat * 35)) * inBeat)
                        * Math.exp(-inBeat * 7);
                case HAT -> {
                    double half = (beats * 2 - Math.floor(beats * 2)) * beatSeconds / 2;
                    double white = noise.nextDouble() * 2 - 1;
                    hatState = white - 0.9 * hatState;
                    out[0][i] = 0.15 * hatState * Math.exp(-half * 45);
                }
                case BASS -> {
                    double f = chord[0] / 4;
                    double saw = 2 * (f * t - Math.floor(f * t + 0.5));
                    out[0][i] = 0.35 * saw * (0.5 + 0.5 * Math.exp(-inBeat * 4));
                }
                case PAD -> {
                    double left = 0;
                    double right = 0;
                    for (int n = 0; n < chord.length; n++) {
                        left += Math.sin(2 * Math.PI * chord[n] * 1.002 * t + n);
                        right += Math.sin(2 * Math.PI * chord[n] * 0.998 * t + 2 * n);
                    }
                    double swell = 0.6 + 0.4 * Math.sin(2 * Math.PI * t / (8 * beatSeconds));
                    out[0][i] = 0.08 * left * swell;
                    out[1][i] = 0.08 * right * swell;
                }
                case LEAD -> {
                    int step = (int) (beats * 2) % MELODY.length;
                    double f = chord[0] * 2 * Math.pow(2, MELODY[step] / 12.0);
                    double half = (beats * 2 - Math.floor(beats * 2)) * beatSeconds / 2;
                    double vibrato = 1 + 0.004 * Math.sin(2 * Math.PI * 5.5 * t);
                    double tone = Math.sin(2 * Math.PI * f * vibrato * t) + 0.3 * Math.sin(4 * Math.PI * f * vibrato * t);
                    out[0][i] = 0.2 * tone * Math.min(1, half * 50) * Math.exp(-half * 2.5);
                }
                default -> throw new IllegalStateException("unknown stem " + stem);
            }
        }
    }
}
