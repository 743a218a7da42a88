package io.mixfarm.manifest;

/**
 * A three-band compressor: the signal is split at two crossovers and each band has its own
 * compressor (a band without one passes unchanged).
 */
public record Multiband(
        @Required Double lowCrossoverHz,
        @Required Double highCrossoverHz,
        Compressor low,
        Compressor mid,
        Compressor high) {
}
