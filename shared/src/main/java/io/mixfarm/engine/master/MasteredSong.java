package io.mixfarm.engine.master;

import io.mixfarm.engine.loudness.GatingBlocks;

/**
 * A mastered song: its report, and the output's gating blocks (pooled for album loudness).
 *
 * @param report       what was done and measured
 * @param outputBlocks the master's 400 ms gating blocks
 */
public record MasteredSong(SongReport report, GatingBlocks outputBlocks) {
}
