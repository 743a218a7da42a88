package io.mixfarm.engine.master;

import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;

import java.util.Arrays;

/** In-memory stereo sources and a master output that keeps the last render. */
final class MemoryAudio {

    private MemoryAudio() {
    }

    static StereoSource source(String name, int sampleRate, double[][] audio) {
        return () -> new AudioReader() {
            private int position;

            @Override
            public AudioInfo info() {
                return new AudioInfo(name, Container.WAV, sampleRate, audio.length, SampleFormat.FLOAT_64, 64,
                        audio[0].length);
            }

            @Override
            public int read(double[][] dest, int maxFrames) {
                int n = Math.min(maxFrames, audio[0].length - position);
                if (n <= 0) {
                    return -1;
                }
                for (int c = 0; c < audio.length; c++) {
                    System.arraycopy(audio[c], position, dest[c], 0, n);
                }
                position += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
    }

    /** Keeps the audio of the most recent render; counts renders. */
    static final class Capture implements MasterOutput {
        double[][] audio;
        int opened;

        @Override
        public AudioWriter open(AudioInfo mastered) {
            opened++;
            double[][] buffer = new double[mastered.channels()][1 << 16];
            return new AudioWriter() {
                private double[][] data = buffer;
                private int frames;

                @Override
                public void write(double[][] src, int n) {
                    if (frames + n > data[0].length) {
                        for (int c = 0; c < data.length; c++) {
                            data[c] = Arrays.copyOf(data[c], Math.max(2 * data[c].length, frames + n));
                        }
                    }
                    for (int c = 0; c < data.length; c++) {
                        System.arraycopy(src[c], 0, data[c], frames, n);
                    }
                    frames += n;
                }

                @Override
                public long framesWritten() {
                    return frames;
                }

                @Override
                public void close() {
                    double[][] out = new double[data.length][];
                    for (int c = 0; c < data.length; c++) {
                        out[c] = Arrays.copyOf(data[c], frames);
                    }
                    audio = out;
                }
            };
        }
    }
}
