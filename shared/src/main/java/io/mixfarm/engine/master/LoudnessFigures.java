package io.mixfarm.engine.master;

import io.mixfarm.engine.loudness.LoudnessSummary;

/**
 * Programme loudness figures of one stream.
 *
 * @param integratedLufs  BS.1770-4 gated integrated loudness; -infinity for silence
 * @param loudnessRangeLu EBU Tech 3342 loudness range
 * @param truePeakDbtp    largest true peak (4x oversampled below 96 kHz)
 * @param samplePeakDbfs  largest sample magnitude
 */
public record LoudnessFigures(double integratedLufs, double loudnessRangeLu, double truePeakDbtp,
                              double samplePeakDbfs) {

    static LoudnessFigures of(LoudnessSummary summary) {
        return new LoudnessFigures(summary.integratedLufs(), summary.loudnessRangeLu(),
                summary.truePeakDbtp(), summary.samplePeakDbfs());
    }

    /** Peak-to-loudness ratio: true peak minus integrated loudness (AES TD1004), dB. */
    public double plrDb() {
        return truePeakDbtp - integratedLufs;
    }
}
