package io.mixfarm.engine.analysis;

import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.loudness.GatingBlocks;

/**
 * The loudness of one whole file, as {@code farm measure} reports it.
 *
 * @param info            the file's header facts
 * @param frames          frames actually decoded
 * @param integratedLufs  gated integrated loudness (LUFS), -infinity when every block is gated out
 * @param loudnessRangeLu EBU Tech 3342 loudness range (LU)
 * @param truePeakDbtp    maximum true peak over channels (dBTP), -infinity for digital silence
 * @param samplePeakDbfs  maximum sample peak over channels (dBFS), -infinity for digital silence
 * @param gatingBlocks    the 400 ms block energies, kept for album loudness
 */
public record LoudnessMeasurement(AudioInfo info, long frames, double integratedLufs, double loudnessRangeLu,
                                  double truePeakDbtp, double samplePeakDbfs, GatingBlocks gatingBlocks) {

    public double durationSeconds() {
        return (double) frames / info.sampleRate();
    }
}
