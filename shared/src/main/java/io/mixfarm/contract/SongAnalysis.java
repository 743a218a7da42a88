package io.mixfarm.contract;

/**
 * What an ANALYZE task measured on a song's unmastered mix: the coordinator pools all songs'
 * gating blocks into the album loudness and derives the album gain.
 *
 * @param integratedLufs  the song's integrated loudness; -Infinity (written "-Infinity") when silent
 * @param loudnessRangeLu loudness range, LU
 * @param truePeakDbtp    highest true peak over all channels, dBTP
 * @param gating          400 ms gating block energies
 * @param shortTerm       3 s short-term energies (album loudness range)
 * @param limiterLoss     predicted limiter loss against the gain (ANALYZE); null when absent (older
 *                        workers, silent songs, measurements of a master)
 * @param samplePeakDbfs  highest sample magnitude over all channels, dBFS (MEASURE); null when not
 *                        measured
 */
public record SongAnalysis(
        double integratedLufs,
        double loudnessRangeLu,
        double truePeakDbtp,
        BlockEnergies gating,
        BlockEnergies shortTerm,
        LimiterLoss limiterLoss,
        Double samplePeakDbfs) {

    public SongAnalysis {
        Checks.required(gating, "SongAnalysis.gating");
        Checks.required(shortTerm, "SongAnalysis.shortTerm");
    }

    /** Measurements without a sample peak. */
    public SongAnalysis(double integratedLufs, double loudnessRangeLu, double truePeakDbtp, BlockEnergies gating,
                        BlockEnergies shortTerm, LimiterLoss limiterLoss) {
        this(integratedLufs, loudnessRangeLu, truePeakDbtp, gating, shortTerm, limiterLoss, null);
    }

    /** Measurements without a limiter-loss prediction. */
    public SongAnalysis(double integratedLufs, double loudnessRangeLu, double truePeakDbtp, BlockEnergies gating,
                        BlockEnergies shortTerm) {
        this(integratedLufs, loudnessRangeLu, truePeakDbtp, gating, shortTerm, null, null);
    }
}
