package io.mixfarm.render;

import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.deliver.DeliveryResult;
import io.mixfarm.engine.deliver.DeliverySpec;
import io.mixfarm.engine.deliver.DeliveryWriter;
import io.mixfarm.engine.deliver.WaveformSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * A song's deliverables as a {@link SongMasterer.Delivery}: every render goes through one
 * {@link DeliveryWriter} (conversion, dither, encoding, tags, measurement of each file), and the
 * master's waveform is collected alongside it for the loudness plot.
 */
public final class DeliverableFiles implements SongMasterer.Delivery {

    /** Columns of the waveform overview (the plot's width is at most this). */
    static final int WAVEFORM_COLUMNS = 2048;

    private final List<DeliverySpec> specs;
    private DeliveryWriter writer;
    private WaveformSummary waveform;

    public DeliverableFiles(List<DeliverySpec> specs) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no deliverables to write");
        }
        this.specs = List.copyOf(specs);
    }

    @Override
    public AudioWriter open(AudioInfo mastered) throws IOException {
        DeliveryWriter files = DeliveryWriter.open(mastered.sampleRate(), 2, specs);
        WaveformSummary summary = new WaveformSummary(WAVEFORM_COLUMNS, mastered.sampleRate());
        writer = files;
        waveform = summary;
        return new AudioWriter() {
            @Override
            public void write(double[][] src, int frames) throws IOException {
                summary.process(src, frames);
                files.write(src, frames);
            }

            @Override
            public long framesWritten() {
                return files.framesWritten();
            }

            @Override
            public void close() throws IOException {
                files.close();
            }
        };
    }

    /** The files, in order. */
    public List<DeliverySpec> specs() {
        return specs;
    }

    @Override
    public List<DeliveryResult> results() {
        return writer == null ? List.of() : writer.results();
    }

    /** The last render's waveform overview; null before the first render. */
    public WaveformSummary waveform() {
        return waveform;
    }

    @Override
    public void discard() throws IOException {
        for (DeliverySpec spec : specs) {
            Files.deleteIfExists(spec.target());
        }
        writer = null;
    }
}
