package io.mixfarm.engine.deliver;

/**
 * Where things go in a {@link LoudnessPlot}: the two panels, and the mappings from time, sample
 * value and loudness to pixels. The loudness axis spans whole 3 LU steps from 2 LU above the
 * loudest value (or the target) down at least 24 LU and past the quieter of target and
 * integrated loudness; quieter values are clipped at the panel's floor.
 */
final class PlotLayout {
    static final int LEFT = 84;
    static final int RIGHT = 28;
    static final int TOP = 64;
    static final int BOTTOM = 44;
    static final int GAP = 22;

    final int width;
    final int height;
    final double seconds;
    final int waveTop;
    final int waveBottom;
    final int loudTop;
    final int loudBottom;
    final double lufsTop;
    final double lufsBottom;

    PlotLayout(int width, int height, LoudnessPlotData data) {
        if (width < 400 || height < 240) {
            throw new IllegalArgumentException("plot must be at least 400 x 240 pixels, was " + width + " x " + height);
        }
        this.width = width;
        this.height = height;
        this.seconds = Math.max(data.waveform().seconds(), 1e-3);
        int plotHeight = height - TOP - BOTTOM - GAP;
        this.waveTop = TOP;
        this.waveBottom = TOP + (int) Math.round(plotHeight * 0.42);
        this.loudTop = waveBottom + GAP;
        this.loudBottom = height - BOTTOM;
        double loudest = data.targetLufs();
        double quietest = data.targetLufs();
        if (Double.isFinite(data.integratedLufs())) {
            loudest = Math.max(loudest, data.integratedLufs());
            quietest = Math.min(quietest, data.integratedLufs());
        }
        for (double v : data.shortTermLufs()) {
            if (Double.isFinite(v)) {
                loudest = Math.max(loudest, v);
            }
        }
        this.lufsTop = Math.ceil((loudest + 2) / 3) * 3;
        double span = Math.max(24, Math.ceil((lufsTop - quietest + 6) / 3) * 3);
        this.lufsBottom = lufsTop - span;
    }

    int plotLeft() {
        return LEFT;
    }

    int plotRight() {
        return width - RIGHT;
    }

    double x(double time) {
        return LEFT + (plotRight() - LEFT) * time / seconds;
    }

    /** Pixel row of sample value {@code v} (±1 = full scale) in the waveform panel. */
    double waveY(double v) {
        double mid = (waveTop + waveBottom) / 2.0;
        return mid - v * (waveBottom - waveTop) / 2.0;
    }

    /** Pixel row of {@code lufs} in the loudness panel (may lie outside it). */
    double loudY(double lufs) {
        return loudTop + (lufsTop - lufs) / (lufsTop - lufsBottom) * (loudBottom - loudTop);
    }

    /** The row a horizontal line at {@code lufs} is drawn on. */
    int loudRow(double lufs) {
        return (int) Math.round(loudY(lufs));
    }
}
