package io.mixfarm.contract;

/**
 * The album's loudness after mastering, for the album ReplayGain 2.0 tags of every song's files.
 * MASTER tasks run in parallel, so the coordinator predicts it from the ANALYZE measurements at the
 * album gain (each song's blocks pooled after its predicted limiter loss; the peak the highest of
 * each song's true peak after the gain, held to its limiter's aim).
 *
 * @param integratedLufs the album's integrated loudness (pooled gating blocks), LUFS
 * @param truePeakDbtp   the album's true peak, dBTP
 */
public record AlbumLoudness(double integratedLufs, double truePeakDbtp) {
}
