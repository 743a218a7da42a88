package io.mixfarm.engine.mix;

import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;

/**
 * A deterministic signal source of any length that holds nothing in memory: two sine partials
 * (advanced by complex rotation, no per-sample trigonometry) with a slow tremolo, plus a little
 * noise from a linear congruential generator. Feeds the real renderer where files of the size
 * under test would not fit on a CI disk.
 */
final class SyntheticStem implements AudioReader {
    private final AudioInfo info;
    private final double[] re = new double[2];
    private final double[] im = new double[2];
    private final double[] rotRe = new double[2];
    private final double[] rotIm = new double[2];
    private long seed;
    private long position;

    SyntheticStem(int index, int sampleRate, int channels, long frames) {
        info = new AudioInfo("synthetic-" + index, Container.WAV, sampleRate, channels, SampleFormat.PCM_24, 24, frames);
        double[] freqs = {55.0 * (1 + index % 7), 440.0 + 37 * index};
        for (int k = 0; k < 2; k++) {
            re[k] = 0.2;
            double w = 2 * Math.PI * freqs[k] / sampleRate;
            rotRe[k] = Math.cos(w);
            rotIm[k] = Math.sin(w);
        }
        seed = 0x9E3779B97F4A7C15L * (index + 1);
    }

    static StemSource source(int index, int sampleRate, int channels, long frames) {
        return () -> new SyntheticStem(index, sampleRate, channels, frames);
    }

    @Override
    public AudioInfo info() {
        return info;
    }

    @Override
    public int read(double[][] dest, int maxFrames) {
        int n = (int) Math.min(maxFrames, info.frames() - position);
        if (n <= 0) {
            return -1;
        }
        for (int i = 0; i < n; i++) {
            double tone = 0;
            for (int k = 0; k < 2; k++) {
                double r = re[k] * rotRe[k] - im[k] * rotIm[k];
                im[k] = re[k] * rotIm[k] + im[k] * rotRe[k];
                re[k] = r;
                tone += im[k];
            }
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            double noise = (seed >> 11) * 0x1.0p-53 * 0.05;
            double tremolo = (position + i) % 48_000 < 24_000 ? 1.0 : 0.5;
            dest[0][i] = tone * tremolo + noise;
            if (info.channels() == 2) {
                dest[1][i] = tone * tremolo - noise;
            }
        }
        position += n;
        return n;
    }

    @Override
    public void close() {
    }
}
