package io.mixfarm.engine.master;

import io.mixfarm.engine.dsp.Compressor;

/**
 * A three-band compressor: Linkwitz–Riley (LR4) crossovers at {@code lowCrossoverHz} and
 * {@code highCrossoverHz}; each band has its own compressor, or none (the band passes unchanged).
 */
public record MultibandSettings(double lowCrossoverHz, double highCrossoverHz,
                                Compressor.Settings low, Compressor.Settings mid, Compressor.Settings high) {

    public MultibandSettings {
        if (!(lowCrossoverHz > 0) || !(highCrossoverHz > lowCrossoverHz) || !Double.isFinite(highCrossoverHz)) {
            throw new IllegalArgumentException("crossovers must satisfy 0 < low < high, were "
                    + lowCrossoverHz + " and " + highCrossoverHz);
        }
    }
}
