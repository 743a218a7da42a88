package io.mixfarm.contract;

/**
 * What a render task does. An album in album mode runs ANALYZE for every song, then MASTER with
 * the album gain; every other song is one FULL task.
 */
public enum Phase {
    /** Mix the song and measure it: report loudness and gating blocks, write no master. */
    ANALYZE,
    /** Mix and master with the album gain the coordinator computed from all songs' blocks. */
    MASTER,
    /** Mix and master on the song's own loudness (not album mode). */
    FULL
}
