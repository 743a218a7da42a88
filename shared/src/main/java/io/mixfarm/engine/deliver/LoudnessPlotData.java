package io.mixfarm.engine.deliver;

import io.mixfarm.engine.loudness.GatingBlocks;
import io.mixfarm.engine.loudness.Loudness;
import io.mixfarm.engine.loudness.LoudnessMeter;

import java.util.Objects;

/**
 * What a {@link LoudnessPlot} shows for one song.
 *
 * @param title                 song title, shown with the figures
 * @param waveform              the streamed overview of the audio
 * @param shortTermLufs         short-term (3 s) loudness at 10 Hz; −∞ for silence (drawn as a gap)
 * @param shortTermStartSeconds time of {@code shortTermLufs[0]} (the end of its window)
 * @param targetLufs            the loudness the master aims at
 * @param integratedLufs        measured integrated loudness
 * @param loudnessRangeLu       measured loudness range
 * @param truePeakDbtp          measured true peak
 * @param ceilingDbtp           true-peak ceiling, drawn on the waveform; NaN for none
 */
public record LoudnessPlotData(String title, WaveformSummary waveform, double[] shortTermLufs,
                               double shortTermStartSeconds, double targetLufs, double integratedLufs,
                               double loudnessRangeLu, double truePeakDbtp, double ceilingDbtp) {

    /** Seconds between short-term values. */
    public static final double SHORT_TERM_STEP_SECONDS = 0.1;

    public LoudnessPlotData {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(waveform, "waveform");
        shortTermLufs = shortTermLufs.clone();
        if (!Double.isFinite(targetLufs)) {
            throw new IllegalArgumentException("target loudness must be finite, was " + targetLufs);
        }
    }

    /**
     * Everything from a meter that measured the song (its short-term values start at 3 s, one per
     * 100 ms) and the waveform collected alongside it.
     */
    public static LoudnessPlotData of(String title, WaveformSummary waveform, LoudnessMeter meter, double targetLufs,
                                      double ceilingDbtp) {
        return new LoudnessPlotData(title, waveform, shortTermCurve(meter.shortTermBlocks()), 3.0, targetLufs,
                meter.integratedLufs(), meter.loudnessRangeLu(), meter.truePeakDbtp(), ceilingDbtp);
    }

    /** The short-term windows' energies as LUFS. */
    public static double[] shortTermCurve(GatingBlocks shortTerm) {
        double[] lufs = new double[shortTerm.count()];
        for (int i = 0; i < lufs.length; i++) {
            lufs[i] = Loudness.lufs(shortTerm.energy(i));
        }
        return lufs;
    }

    @Override
    public double[] shortTermLufs() {
        return shortTermLufs.clone();
    }
}
