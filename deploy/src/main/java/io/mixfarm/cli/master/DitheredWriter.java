package io.mixfarm.cli.master;

import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.WriteSpec;
import io.mixfarm.engine.deliver.Dither;
import io.mixfarm.engine.deliver.DitherMode;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the master at its own rate: TPDF dither for integer formats, then the file. Used
 * instead of the deliverables writer when no rate conversion is asked for: dither moves a sample
 * by at most 1.5 LSB (0.0004 dB at 16 bits near −1 dBFS, far inside the limiter's 0.1 dB margin)
 * and encoding is lossless, so the master's own measurement holds for the file and it is not
 * measured again.
 */
final class DitheredWriter implements AudioWriter {

    private final AudioWriter file;
    private final Dither dither;
    private final double[][] work;

    DitheredWriter(Path path, WriteSpec spec, int maxBlock) throws IOException {
        this.file = AudioFiles.create(path, spec);
        this.work = new double[spec.channels()][maxBlock];
        if (spec.format().isFloatingPoint()) {
            dither = null;
        } else {
            dither = new Dither(DitherMode.TPDF, spec.format().bits());
            dither.prepare(spec.sampleRate(), maxBlock, spec.channels());
        }
    }

    @Override
    public void write(double[][] src, int frames) throws IOException {
        if (dither == null) {
            file.write(src, frames);
            return;
        }
        for (int done = 0; done < frames; ) {
            int n = Math.min(work[0].length, frames - done);
            for (int c = 0; c < work.length; c++) {
                System.arraycopy(src[c], done, work[c], 0, n);
            }
            dither.process(work, n);
            file.write(work, n);
            done += n;
        }
    }

    @Override
    public long framesWritten() {
        return file.framesWritten();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
