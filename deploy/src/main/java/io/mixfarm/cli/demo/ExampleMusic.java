package io.mixfarm.cli.demo;

import java.util.SplittableRandom;

/**
 * Deterministic music-like material for the demo: a chord progression of harmonic tones with
 * note envelopes, a kick and a noise hi-hat on a beat grid. Not art, but it has the spectrum,
 * transients and dynamics a loudness meter and a mastering chain must handle.
 */
public final class ExampleMusic {
    private static final double[][] CHORDS = {
            {220.00, 277.18, 329.63}, {196.00, 246.94, 293.66},
            {174.61, 220.00, 261.63}, {164.81, 207.65, 246.94}};

    private final int sampleRate;
    private final double tempoBpm;
    private final double level;
    private final SplittableRandom noise;
    private double hatState;
    private long frame;

    /**
     * @param level linear scale of the whole mix (changes the loudness between songs)
     * @param seed  seed of the hi-hat noise, so each song differs but renders identically every time
     */
    public ExampleMusic(int sampleRate, double tempoBpm, double level, long seed) {
        this.sampleRate = sampleRate;
        this.tempoBpm = tempoBpm;
        this.level = level;
        this.noise = new SplittableRandom(seed);
    }

    /** Fills {@code out[0..1][0..frames)} with the next frames of the piece. */
    public void render(double[][] out, int frames) {
        double beatSeconds = 60.0 / tempoBpm;
        for (int i = 0; i < frames; i++, frame++) {
            double t = (double) frame / sampleRate;
            double beatPos = t / beatSeconds;
            double inBeat = (beatPos - Math.floor(beatPos)) * beatSeconds;
            double[] chord = CHORDS[(int) (beatPos / 4) % CHORDS.length];
            double pad = 0;
            for (double f : chord) {
                pad += tone(f, t) + 0.5 * tone(2 * f, t) + 0.25 * tone(3 * f, t);
            }
            pad *= 0.06 * (0.6 + 0.4 * Math.exp(-inBeat * 3));
            double kick = Math.sin(2 * Math.PI * (50 + 80 * Math.exp(-inBeat * 30)) * inBeat) * Math.exp(-inBeat * 8) * 0.5;
            double halfBeat = (beatPos * 2 - Math.floor(beatPos * 2)) * beatSeconds / 2;
            double white = noise.nextDouble() * 2 - 1;
            hatState = white - 0.85 * hatState;   // crude high-pass tilt for a hat-like spectrum
            double hat = hatState * Math.exp(-halfBeat * 40) * 0.08;
            double left = level * (pad * 1.05 + kick + hat * 0.7);
            double right = level * (pad * 0.95 + kick + hat * 1.3);
            out[0][i] = left;
            out[1][i] = right;
        }
    }

    private static double tone(double frequency, double t) {
        double vibrato = 1 + 0.003 * Math.sin(2 * Math.PI * 5 * t);
        return Math.sin(2 * Math.PI * frequency * vibrato * t);
    }
}
