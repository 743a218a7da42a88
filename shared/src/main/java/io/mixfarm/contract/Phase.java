package io.mixfarm.contract;

/**
 * What a render task does. An album in album mode runs ANALYZE for every song, then MASTER with
 * the album gain; every other song is one FULL task. An analyze job runs one MEASURE task per song.
 */
public enum Phase {
    /** Mix the song and measure it: report loudness and gating blocks, write no master. */
    ANALYZE,
    /** Mix and master with the album gain the coordinator computed from all songs' blocks. */
    MASTER,
    /** Mix and master on the song's own loudness (not album mode). */
    FULL,
    /**
     * Measure without rendering: the song's source as it is, or the mix of its stems before any
     * mastering; report its loudness, peaks and gating blocks, write no audio.
     */
    MEASURE
}
