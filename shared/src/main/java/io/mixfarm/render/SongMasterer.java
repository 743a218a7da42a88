package io.mixfarm.render;

import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.deliver.DeliveryResult;
import io.mixfarm.engine.master.MasteredSong;
import io.mixfarm.engine.master.MasteringOutcome;
import io.mixfarm.engine.master.MasteringSettings;
import io.mixfarm.engine.master.SongAnalysis;
import io.mixfarm.engine.master.SongMastering;
import io.mixfarm.engine.master.StereoSource;

import java.io.IOException;
import java.util.List;

/**
 * Masters one song into its delivered files and holds the files, not just the master, to the
 * ceiling and the target. The engine's chain keeps the master under ceiling − margin, but sample-rate
 * conversion and dither change the samples: when a delivered file's true peak ends up over the
 * ceiling, the song is mastered again with the limiter's margin widened by the excess; when
 * conversion moved a file's loudness off target (downsampling removes ultrasonic energy that
 * K-weighting counts), again with the target (or the gain) moved by the difference — at most
 * {@value #DELIVERY_RETRIES} times. Used by {@code farm master}, {@code farm render} and the farm's
 * workers; it knows nothing of where the files go ({@link Delivery}).
 */
public final class SongMasterer {

    /** Most re-masterings for a delivered file over the ceiling or off target. */
    public static final int DELIVERY_RETRIES = 2;

    /** How a render of the master becomes files. */
    public interface Delivery {
        /** A writer for one complete render (each render replaces the files of the one before). */
        AudioWriter open(AudioInfo mastered) throws IOException;

        /**
         * Called after each render, before {@link #results()}, with the master's report: a delivery
         * whose files need the master's own figures (ReplayGain tags) writes them now.
         */
        default void mastered(MasteredSong song) throws IOException {
        }

        /**
         * The measurements of the files the last render wrote; empty when the files are the master
         * itself at its own rate (the master's figures then hold for them).
         */
        List<DeliveryResult> results();

        /** Removes whatever the renders wrote (used when the song is not delivered). */
        void discard() throws IOException;
    }

    /**
     * A mastered song and its files.
     *
     * @param song  the master's report and gating blocks (reported against the real target)
     * @param files the measured files, in the delivery's order; empty when not measured or not delivered
     */
    public record Result(MasteredSong song, List<DeliveryResult> files) {
        public Result {
            files = List.copyOf(files);
        }

        /** Highest true peak of any file, or the master's when no file was measured. */
        public double truePeakDbtp() {
            return files.isEmpty() ? song.report().output().truePeakDbtp()
                    : files.stream().mapToDouble(DeliveryResult::peakDbtp).max().orElseThrow();
        }
    }

    private final MasteringSettings settings;

    public SongMasterer(MasteringSettings settings) {
        this.settings = settings;
    }

    /** Masters {@code source} to its own target (searching the gain) into {@code delivery}'s files. */
    public Result master(StereoSource source, Delivery delivery) throws IOException {
        // A re-mastering changes only the limiter's margin or the target, never the pre-limiter
        // chain: the analysis of the first round holds for every round (no second pass over the input).
        SongAnalysis analysis = SongAnalysis.analyze(source, settings);
        MasteringSettings attempt = settings;
        for (int round = 0; ; round++) {
            MasteredSong song = new SongMastering(attempt).master(source, analysis, delivery::open);
            delivery.mastered(song);
            Result done = finished(song, delivery, round, true);
            if (done != null) {
                return done;
            }
            List<DeliveryResult> files = delivery.results();
            double over = overshoot(files);
            if (over > 0) {
                attempt = widened(attempt, over);
            }
            double drift = drift(song, files);
            if (Math.abs(drift) > SongMastering.RENDER_TOLERANCE_LU) {
                attempt = attempt.withTarget(attempt.targetLufs() - drift, attempt.ceilingDbtp());
            }
        }
    }

    /**
     * Masters {@code source} with a gain decided in advance (album mode, or a gain found by a
     * measuring pass) through its own limiter. {@code holdTarget}: correct a file's loudness drift
     * by moving the gain (a song on its own target); false keeps the gain (an album's one gain).
     */
    public Result masterWithGain(StereoSource source, SongAnalysis analysis, double gainDb, MasteringOutcome outcome,
                                 boolean holdTarget, Delivery delivery) throws IOException {
        MasteringSettings attempt = settings;
        double gain = gainDb;
        for (int round = 0; ; round++) {
            MasteredSong song = new SongMastering(attempt).masterWithGain(source, analysis, gain, outcome,
                    delivery::open);
            delivery.mastered(song);
            Result done = finished(song, delivery, round, holdTarget);
            if (done != null) {
                return done;
            }
            List<DeliveryResult> files = delivery.results();
            double over = overshoot(files);
            if (over > 0) {
                attempt = widened(attempt, over);
            }
            double drift = holdTarget ? drift(song, files) : 0.0;
            if (Math.abs(drift) > SongMastering.RENDER_TOLERANCE_LU) {
                gain -= drift;
            }
        }
    }

    /** The result when this round is final (nothing to correct, or no retries left), else null. */
    private Result finished(MasteredSong song, Delivery delivery, int round, boolean holdTarget) throws IOException {
        if (!song.report().outcome().delivered()) {
            delivery.discard(); // a render made before the target proved out of reach
            return new Result(song, List.of());
        }
        List<DeliveryResult> files = delivery.results();
        boolean drifted = holdTarget && Math.abs(drift(song, files)) > SongMastering.RENDER_TOLERANCE_LU;
        if (files.isEmpty() || overshoot(files) == 0 && !drifted || round == DELIVERY_RETRIES) {
            MasteredSong reported = new MasteredSong(song.report().withTargetLufs(settings.targetLufs()),
                    song.outputBlocks());
            return new Result(reported, files);
        }
        return null;
    }

    private double overshoot(List<DeliveryResult> files) {
        double over = 0;
        for (DeliveryResult f : files) {
            over = Math.max(over, f.overshootDb(settings.ceilingDbtp()));
            if (f.clippedSamples() > 0) {
                over = Math.max(over, 0.05); // integer clipping the peak readings may not show
            }
        }
        return over;
    }

    /**
     * How far the delivered loudness is from the target when the master reached it: measured on
     * the file at the master's rate if there is one (conversion cannot have moved it), else on
     * the first file.
     */
    private double drift(MasteredSong song, List<DeliveryResult> files) {
        if (files.isEmpty() || song.report().outcome() != MasteringOutcome.TARGET_REACHED) {
            return 0.0;
        }
        DeliveryResult reference = files.stream().filter(f -> f.sampleRate() == song.report().sampleRate())
                .findFirst().orElse(files.get(0));
        return reference.integratedLufs() - settings.targetLufs();
    }

    private static MasteringSettings widened(MasteringSettings attempt, double overDb) {
        double margin = attempt.limiter().marginDb() + overDb + 0.02;
        return attempt.withLimiter(attempt.limiter().withMarginDb(Math.min(3.0, margin)));
    }
}
