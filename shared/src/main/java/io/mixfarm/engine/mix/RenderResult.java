package io.mixfarm.engine.mix;

/**
 * What a render produced.
 *
 * @param frames     frames written at the session rate: {@code stemFrames + tailFrames}
 * @param stemFrames the longest stem's length at the session rate
 * @param tailFrames frames rendered after it so effect tails ring out
 * @param peak       largest absolute sample of the mix (may exceed 1: the float mix keeps overs)
 */
public record RenderResult(long frames, long stemFrames, long tailFrames, double peak) {
}
