package io.mixfarm.engine.audio;

/**
 * What a reader learned from a file's header.
 *
 * @param source        file name or URI, used in every error message
 * @param container     the container format
 * @param sampleRate    frames per second (8 kHz to 384 kHz)
 * @param channels      interleaved channels in the file (1 to 8)
 * @param format        how samples are stored; for FLAC, the integer PCM format of its bit depth
 *                      ({@code bitsPerSample} says the exact depth, e.g. 20)
 * @param bitsPerSample significant bits per sample (e.g. 20 for 20-in-24)
 * @param frames        frames in the file, or -1 when the header does not say (FLAC may omit it)
 */
public record AudioInfo(String source, Container container, int sampleRate, int channels,
                        SampleFormat format, int bitsPerSample, long frames) {

    public double durationSeconds() {
        return frames < 0 ? Double.NaN : (double) frames / sampleRate;
    }
}
