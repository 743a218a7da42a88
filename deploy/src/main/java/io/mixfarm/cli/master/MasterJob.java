package io.mixfarm.cli.master;

import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.TrackMetadata;
import io.mixfarm.engine.audio.WriteSpec;
import io.mixfarm.engine.deliver.DeliveryResult;
import io.mixfarm.engine.deliver.DeliverySpec;
import io.mixfarm.engine.deliver.DeliveryWriter;
import io.mixfarm.engine.master.MasteredSong;
import io.mixfarm.engine.master.MasteringOutcome;
import io.mixfarm.engine.master.MasteringSettings;
import io.mixfarm.engine.master.SongMastering;
import io.mixfarm.engine.master.StereoReader;
import io.mixfarm.engine.master.StereoSource;

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
 * difference (at most {@value #DELIVERY_RETRIES} times).
 *
 * @param input      any readable mono or stereo file
 * @param output     the file to write
 * @param container  WAV or FLAC
 * @param sampleRate output rate, or 0 for the input's
 * @param format     output sample format
 */
public record MasterJob(Path input, Path output, Container container, int sampleRate, SampleFormat format) {

    static final int DELIVERY_RETRIES = 2;

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
        DeliveryWriter[] last = new DeliveryWriter[1];
        MasteringSettings attempt = settings;
        for (int round = 0; ; round++) {
            MasteredSong song = new SongMastering(attempt).master(source, mastered -> {
                if (sampleRate == 0 || sampleRate == mastered.sampleRate()) {
                    return new DitheredWriter(output, new WriteSpec(container, mastered.sampleRate(), 2, format),
                            DeliveryWriter.DEFAULT_MAX_BLOCK);
                }
                last[0] = DeliveryWriter.open(mastered.sampleRate(), 2,
                        List.of(DeliverySpec.of(output, container, sampleRate, format, TrackMetadata.NONE)));
                return last[0];
            });
            if (song.report().outcome() == MasteringOutcome.NOT_DELIVERED) {
                Files.deleteIfExists(output); // a render made before the target proved out of reach
                return new Result(this, song, null, null);
            }
            if (last[0] == null) {
                return new Result(this, song, null, null); // written at the master's rate, as measured
            }
            DeliveryResult file = last[0].results().get(0);
            double over = file.overshootDb(settings.ceilingDbtp());
            double drift = song.report().outcome() == MasteringOutcome.TARGET_REACHED
                    ? file.integratedLufs() - settings.targetLufs() : 0.0;
            boolean drifted = Math.abs(drift) > SongMastering.RENDER_TOLERANCE_LU;
            if (over == 0 && !drifted || round == DELIVERY_RETRIES) {
                MasteredSong reported = new MasteredSong(song.report().withTargetLufs(settings.targetLufs()),
                        song.outputBlocks());
                return new Result(this, reported, file, null);
            }
            if (over > 0) {
                double margin = attempt.limiter().marginDb() + over + 0.02;
                attempt = attempt.withLimiter(attempt.limiter().withMarginDb(Math.min(3.0, margin)));
            }
            if (drifted) {
                attempt = attempt.withTarget(attempt.targetLufs() - drift, attempt.ceilingDbtp());
            }
        }
    }

    /** Where the JSON report goes: beside the output, named after it. */
    public Path reportPath() {
        return output.resolveSibling(output.getFileName() + ".report.json");
    }
}
