package io.mixfarm.cli.master;

import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.TrackMetadata;
import io.mixfarm.engine.audio.WriteSpec;
import io.mixfarm.engine.deliver.DeliveryResult;
import io.mixfarm.engine.deliver.DeliverySpec;
import io.mixfarm.engine.deliver.DeliveryWriter;
import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.master.MasteredSong;
import io.mixfarm.engine.master.MasteringSettings;
import io.mixfarm.engine.master.StereoReader;
import io.mixfarm.engine.master.StereoSource;
import io.mixfarm.render.SongMasterer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Masters one file to one deliverable: the engine's chain renders the master; at the master's
 * own rate it is dithered and written directly ({@link DitheredWriter}), at another rate the
 * deliverables writer converts, dithers, encodes and measures it. That file is what counts, so if conversion or
 * dither pushed its true peak over the ceiling, the song is mastered again with the limiter's
 * margin widened by the excess; and if conversion moved its loudness off target (downsampling
 * removes ultrasonic energy that K-weighting counts), again with the target moved by the
 * difference ({@link SongMasterer}).
 *
 * @param input      any readable mono or stereo file
 * @param output     the file to write
 * @param container  WAV or FLAC
 * @param sampleRate output rate, or 0 for the input's
 * @param format     output sample format
 */
public record MasterJob(Path input, Path output, Container container, int sampleRate, SampleFormat format) {

    /**
     * The outcome for one file: the song, the deliverables writer's measurement of the file when
     * it converted the rate (null when the master was written at its own rate, whose figures
     * are the song's output figures), or the reason it failed.
     */
    public record Result(MasterJob job, MasteredSong song, DeliveryResult file, String error) {
        public boolean failed() {
            return error != null;
        }
    }

    /** Masters the file; never throws for a bad file (the reason is in the result). */
    public Result run(MasteringSettings settings) {
        try {
            return master(settings);
        } catch (io.mixfarm.engine.audio.InvalidAudioException e) {
            return new Result(this, null, null, e.reason());
        } catch (java.nio.file.NoSuchFileException e) {
            return new Result(this, null, null, "no such file: " + e.getFile());
        } catch (IOException e) {
            return new Result(this, null, null, "cannot read or write: " + e.getMessage());
        } catch (RuntimeException e) {
            return new Result(this, null, null, "internal error: " + e);
        }
    }

    private Result master(MasteringSettings settings) throws IOException {
        StereoSource source = StereoReader.stereo(() -> AudioFiles.open(input));
        SongMasterer.Result done = new SongMasterer(settings).master(source, new OneFile());
        if (!done.song().report().outcome().delivered()) {
            return new Result(this, done.song(), null, null);
        }
        return new Result(this, done.song(), done.files().isEmpty() ? null : done.files().get(0), null);
    }

    /**
     * The one output file: at the master's own rate dithered and written directly (the master's
     * figures hold for it), at another rate through the deliverables writer, which measures it.
     */
    private final class OneFile implements SongMasterer.Delivery {
        private DeliveryWriter converted;

        @Override
        public AudioWriter open(AudioInfo mastered) throws IOException {
            if (sampleRate == 0 || sampleRate == mastered.sampleRate()) {
                converted = null;
                return new DitheredWriter(output, new WriteSpec(container, mastered.sampleRate(), 2, format),
                        DeliveryWriter.DEFAULT_MAX_BLOCK);
            }
            converted = DeliveryWriter.open(mastered.sampleRate(), 2,
                    List.of(DeliverySpec.of(output, container, sampleRate, format, TrackMetadata.NONE)));
            return converted;
        }

        @Override
        public List<DeliveryResult> results() {
            return converted == null ? List.of() : converted.results();
        }

        @Override
        public void discard() throws IOException {
            Files.deleteIfExists(output);
        }
    }

    /** Where the JSON report goes: beside the output, named after it. */
    public Path reportPath() {
        return output.resolveSibling(output.getFileName() + ".report.json");
    }
}
