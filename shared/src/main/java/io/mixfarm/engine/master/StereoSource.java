package io.mixfarm.engine.master;

import io.mixfarm.engine.audio.AudioReader;

import java.io.IOException;

/**
 * A stereo stream that can be read from the start as often as needed: mastering reads its
 * input once to analyse it and again for each render, so the input is a supplier (reopening a
 * file, or re-running a mixdown) rather than an open stream. Each reader returned must deliver
 * the same audio, in two channels, and is closed by the caller.
 */
@FunctionalInterface
public interface StereoSource {

    /** Opens a fresh reader positioned at the first frame. */
    AudioReader open() throws IOException;
}
