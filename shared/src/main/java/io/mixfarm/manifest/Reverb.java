package io.mixfarm.manifest;

/**
 * An algorithmic reverb (the effect of a {@code reverb} bus).
 *
 * @param decaySeconds RT60, seconds
 * @param damping      high-frequency damping, 0 (bright) to 1 (dark)
 * @param size         room size, 0 (small) to 1 (large)
 */
public record Reverb(Double decaySeconds, Double preDelayMs, Double damping, Double size) {

    public Reverb {
        decaySeconds = decaySeconds == null ? 2.0 : decaySeconds;
        preDelayMs = preDelayMs == null ? 0.0 : preDelayMs;
        damping = damping == null ? 0.5 : damping;
        size = size == null ? 0.5 : size;
    }
}
