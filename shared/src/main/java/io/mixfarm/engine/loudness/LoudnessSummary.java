package io.mixfarm.engine.loudness;

/**
 * Everything a loudness meter measured over a whole programme.
 *
 * @param integratedLufs    gated integrated loudness (BS.1770-4); -infinity if all was gated
 * @param loudnessRangeLu   EBU Tech 3342 loudness range
 * @param maxMomentaryLufs  largest momentary (400 ms) loudness seen, at 10 ms resolution
 * @param maxShortTermLufs  largest short-term (3 s) loudness seen, at 10 ms resolution
 * @param samplePeakDbfs    largest sample magnitude over all channels; -infinity for silence
 * @param truePeakDbtp      largest true peak over all channels (BS.1770-4 Annex 2); NaN when
 *                          true-peak metering is off
 * @param seconds           duration measured
 */
public record LoudnessSummary(double integratedLufs, double loudnessRangeLu, double maxMomentaryLufs,
                              double maxShortTermLufs, double samplePeakDbfs, double truePeakDbtp,
                              double seconds) {
}
