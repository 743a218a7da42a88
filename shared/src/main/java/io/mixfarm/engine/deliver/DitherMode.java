package io.mixfarm.engine.deliver;

/** What happens to the bits below an integer format's last step (see {@link Dither}). */
public enum DitherMode {
    /** Round to the nearest step; for sources already on the grid, or float output. */
    NONE,
    /** Triangular-PDF dither of ±1 LSB peak: error power and mean independent of the signal. */
    TPDF,
    /** TPDF inside an error-feedback loop that moves the noise to where the ear is least sensitive. */
    TPDF_SHAPED
}
