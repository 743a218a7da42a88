package io.mixfarm.worker.render;

import io.mixfarm.contract.Progress.Stage;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.deliver.DeliveryResult;
import io.mixfarm.engine.deliver.DeliverySpec;
import io.mixfarm.engine.deliver.DeliveryWriter;
import io.mixfarm.engine.error.PermanentException;
import io.mixfarm.engine.master.MasterOutput;
import io.mixfarm.engine.master.MasteredSong;
import io.mixfarm.engine.master.MasteringOutcome;
import io.mixfarm.engine.master.MasteringSettings;
import io.mixfarm.engine.master.SongMastering;
import io.mixfarm.engine.master.SongReport;
import io.mixfarm.engine.master.StereoReader;
import io.mixfarm.engine.master.StereoSource;
import io.mixfarm.render.MasteringMapping;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Masters a task's mix into all its deliverables in one pass through the delivery writer, and
 * checks the files themselves: if sample-rate conversion or dither pushed a file's true peak over
 * the ceiling, the song is mastered again with the limiter's margin widened by the excess; if
 * conversion moved the first file's loudness off target (own-target songs only), again with the
 * target moved by the difference — at most {@value #DELIVERY_RETRIES} times, as {@code farm
 * master} does. MASTER tasks use the album gain as given instead of the song's own target.
 */
final class MasterDelivery {

    static final int DELIVERY_RETRIES = 2;

    private MasterDelivery() {
    }

    /** The mastered song (its report against the real target) and the files written. */
    record Result(MasteredSong song, List<DeliveryResult> files) {
    }

    static Result run(RenderTask task, Path mix, List<DeliverySpec> specs, RenderProgress progress)
            throws IOException {
        MasteringSettings settings = MasteringMapping.settings(task.spec().mastering(), task.spec().sampleRate());
        // Named by the song, not the scratch path: the report must not differ between two renders.
        String name = "mix of " + task.songId();
        StereoSource source = () -> new ProgressReader(StereoReader.of(AudioFiles.open(FileChannel.open(mix), name)),
                Stage.MASTER, progress, null);
        Double albumGain = task.albumGainDb();
        MasteringSettings attempt = settings;
        for (int round = 0; ; round++) {
            DeliveryWriter[] last = new DeliveryWriter[1];
            MasterOutput output = mastered -> {
                last[0] = DeliveryWriter.open(mastered.sampleRate(), 2, specs);
                return new ProgressWriter(last[0], mastered.frames(), Stage.ENCODE, progress);
            };
            SongMastering mastering = new SongMastering(attempt);
            MasteredSong song = albumGain == null
                    ? mastering.master(source, output)
                    : mastering.masterWithGain(source, io.mixfarm.engine.master.SongAnalysis.analyze(source, attempt),
                            albumGain, MasteringOutcome.TARGET_REACHED, output);
            SongReport report = song.report();
            if (report.outcome() == MasteringOutcome.NOT_DELIVERED) {
                throw notDelivered(task, report);
            }
            List<DeliveryResult> files = last[0].results();
            double over = files.stream().mapToDouble(f -> f.overshootDb(settings.ceilingDbtp())).max().orElse(0);
            double drift = albumGain == null && report.outcome() == MasteringOutcome.TARGET_REACHED
                    ? files.get(0).integratedLufs() - settings.targetLufs() : 0.0;
            boolean drifted = Math.abs(drift) > SongMastering.RENDER_TOLERANCE_LU;
            if (over == 0 && !drifted || round == DELIVERY_RETRIES) {
                return new Result(new MasteredSong(report.withTargetLufs(settings.targetLufs()), song.outputBlocks()),
                        files);
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

    /** whenUnreachable: report — the song fails with the shortfall, and nothing is delivered. */
    private static PermanentException notDelivered(RenderTask task, SongReport report) {
        return new PermanentException(String.format(Locale.ROOT,
                "song %s not delivered: reaching %.1f LUFS takes more than %.1f dB of limiting; at that limit it "
                        + "measures %.1f LUFS (mastering.whenUnreachable is report)",
                task.songId(), report.targetLufs(), report.maxLimitingDb(), report.output().integratedLufs()));
    }
}
