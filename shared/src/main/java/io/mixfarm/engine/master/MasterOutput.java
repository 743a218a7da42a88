package io.mixfarm.engine.master;

import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioWriter;

import java.io.IOException;

/**
 * Where mastered audio goes: opens a writer for the mastered stereo stream (planar doubles at the
 * input's sample rate, full scale ±1, true peak at most the ceiling). Mastering may render a song
 * more than once while it closes in on the target; each render opens a fresh writer, closes it
 * when done, and the last render written is the master. A deliverables writer (sample-rate
 * conversion, dither, encoding, several files) plugs in here.
 */
@FunctionalInterface
public interface MasterOutput {

    /** A writer for one complete render of {@code mastered} (2 channels, the input's rate). */
    AudioWriter open(AudioInfo mastered) throws IOException;
}
