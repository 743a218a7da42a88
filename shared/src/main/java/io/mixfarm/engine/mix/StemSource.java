package io.mixfarm.engine.mix;

import io.mixfarm.engine.audio.AudioReader;

import java.io.IOException;

/** Where a stem's audio comes from: opened once per render, closed by the renderer. */
@FunctionalInterface
public interface StemSource {

    /** Opens a fresh reader positioned at the first frame. */
    AudioReader open() throws IOException;
}
