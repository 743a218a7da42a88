package io.mixfarm.manifest;

import java.util.List;

/**
 * Range checks for the processors that strips and mastering share: frequencies, EQ bands,
 * filters, compressors. Frequencies run from 10 Hz to 20 kHz, and stay below 0.49 × the
 * session's sample rate so every filter sits below Nyquist.
 */
final class ProcessorRules {

    static final double MIN_HZ = 10.0;
    static final double MAX_HZ = 20_000.0;
    static final double NYQUIST_MARGIN = 0.49;
    static final int MAX_EQ_BANDS = 8;

    private final Problems problems;
    private final Integer sampleRate;

    ProcessorRules(Problems problems, Integer sampleRate) {
        this.problems = problems;
        this.sampleRate = sampleRate;
    }

    Problems problems() {
        return problems;
    }

    void frequency(String path, Double hz) {
        if (hz == null || !Double.isFinite(hz) || hz < MIN_HZ) {
            problems.range(path, hz, MIN_HZ, MAX_HZ, " Hz");
            return;
        }
        boolean rateLimits = sampleRate != null && sampleRate > 0 && NYQUIST_MARGIN * sampleRate < MAX_HZ;
        if (!rateLimits) {
            problems.range(path, hz, MIN_HZ, MAX_HZ, " Hz");
        } else if (hz > NYQUIST_MARGIN * sampleRate) {
            problems.add(path, Problems.number(hz) + " is above " + Problems.number(NYQUIST_MARGIN * sampleRate)
                    + " Hz (0.49 × sampleRate " + sampleRate + ")");
        }
    }

    void filter(String path, Filter filter) {
        if (filter == null) {
            return;
        }
        frequency(path + ".freqHz", filter.freqHz());
        if (filter.slope() != 12 && filter.slope() != 24) {
            problems.add(path + ".slope", filter.slope() + " is not 12 or 24");
        }
    }

    void eq(String path, List<EqBand> bands) {
        if (bands == null) {
            return;
        }
        if (bands.size() > MAX_EQ_BANDS) {
            problems.add(path, bands.size() + " bands; at most " + MAX_EQ_BANDS + " are allowed");
        }
        for (int i = 0; i < bands.size(); i++) {
            band(PathNames.index(path, i), bands.get(i));
        }
    }

    private void band(String path, EqBand band) {
        frequency(path + ".freqHz", band.freqHz());
        if (band.type() == EqBand.Type.NOTCH) {
            if (band.gainDb() != null) {
                problems.add(path + ".gainDb", "a notch has no gain; leave gainDb out");
            }
        } else if (band.type() != null && band.gainDb() == null) {
            problems.add(path + ".gainDb", "is required for a " + ModelTypes.wireName(band.type()) + " band");
        }
        problems.range(path + ".gainDb", band.gainDb(), -24, 24, " dB");
        problems.range(path + ".q", band.q(), 0.1, 40, "");
    }

    void compressor(String path, Compressor c) {
        if (c == null) {
            return;
        }
        problems.range(path + ".thresholdDb", c.thresholdDb(), -60, 0, " dB");
        problems.range(path + ".ratio", c.ratio(), 1, 100, "");
        problems.range(path + ".kneeDb", c.kneeDb(), 0, 24, " dB");
        problems.range(path + ".attackMs", c.attackMs(), 0.01, 500, " ms");
        problems.range(path + ".releaseMs", c.releaseMs(), 1, 5000, " ms");
        problems.range(path + ".makeupDb", c.makeupDb(), 0, 24, " dB");
    }
}
