package io.mixfarm.worker.render;

import io.mixfarm.contract.Progress.Stage;
import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.TrackMetadata;
import io.mixfarm.engine.deliver.DeliveryResult;
import io.mixfarm.engine.deliver.DeliverySpec;
import io.mixfarm.engine.deliver.DeliveryWriter;
import io.mixfarm.engine.deliver.WaveformSummary;
import io.mixfarm.engine.master.MasteredSong;
import io.mixfarm.engine.master.SongReport;
import io.mixfarm.render.DeliverableFiles;
import io.mixfarm.render.SongDeliverables;
import io.mixfarm.render.SongMasterer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The song's deliverable files ({@link DeliverableFiles}, as {@code farm render} writes them) tagged
 * with ReplayGain 2.0: tags are written when a file is created, and the track values are the
 * master's own figures, known only once it is rendered. So each render goes to a stage file of raw
 * 64-bit doubles (lossless: the files get exactly the samples a direct render would give them), and
 * once the master's report is in ({@link #mastered}) the stage is encoded
 * into every deliverable with the track ReplayGain of the master and the album's values given —
 * one mastering pass, not a measuring pass and a writing pass. The encoding reports its progress
 * as ENCODE, and so stops when the task is abandoned.
 */
final class TaggedDelivery implements SongMasterer.Delivery {

    private static final int BLOCK = 8192;
    /** Blocks the stage is encoded in: what the delivery writer takes whole, without copying them into pieces. */
    private static final int ENCODE_BLOCK = DeliveryWriter.DEFAULT_MAX_BLOCK;
    // Heap buffers: the channel copies through its thread's cached direct buffer, where a direct
    // buffer per song (two or more) would be native memory freed only by a GC.
    private static final int FRAME_BYTES = 2 * Double.BYTES;

    private final List<DeliverySpec> specs;
    private final TrackMetadata.ReplayGain album;
    private final Path stage;
    private final RenderProgress progress;
    private DeliverableFiles files;
    private AudioInfo master;

    /**
     * @param specs the files, tagged but for ReplayGain
     * @param album the album's ReplayGain (album mode), or null
     * @param stage where each render is staged (a file in the task's work directory)
     */
    TaggedDelivery(List<DeliverySpec> specs, TrackMetadata.ReplayGain album, Path stage, RenderProgress progress) {
        this.specs = List.copyOf(specs);
        this.album = album;
        this.stage = stage;
        this.progress = progress;
    }

    @Override
    public AudioWriter open(AudioInfo mastered) throws IOException {
        master = mastered;
        files = null;
        return new StageWriter(FileChannel.open(stage, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING));
    }

    @Override
    public void mastered(MasteredSong song) throws IOException {
        SongReport report = song.report();
        if (!report.outcome().delivered()) {
            return; // nothing is delivered: no files to write
        }
        TrackMetadata.ReplayGain track = trackGain(report);
        List<DeliverySpec> tagged = specs.stream().map(s -> new DeliverySpec(s.target(), s.container(),
                s.sampleRate(), s.format(), s.dither(), s.metadata().withReplayGain(track, album))).toList();
        DeliverableFiles out = new DeliverableFiles(tagged);
        double[][] block = new double[2][ENCODE_BLOCK];
        ByteBuffer bytes = ByteBuffer.allocate(ENCODE_BLOCK * FRAME_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel staged = FileChannel.open(stage, StandardOpenOption.READ);
             AudioWriter writer = new ProgressWriter(out.open(master), master.frames(), Stage.ENCODE, progress)) {
            while (true) {
                bytes.clear();
                while (bytes.hasRemaining() && staged.read(bytes) >= 0) {
                    // fill the block; a short read only means more is coming
                }
                bytes.flip();
                int frames = bytes.remaining() / FRAME_BYTES;
                if (frames == 0) {
                    break;
                }
                for (int i = 0; i < frames; i++) {
                    block[0][i] = bytes.getDouble();
                    block[1][i] = bytes.getDouble();
                }
                writer.write(block, frames);
            }
        }
        files = out;
    }

    /** Stereo frames as interleaved little-endian doubles: every bit of the engine's samples. */
    private static final class StageWriter implements AudioWriter {
        private final FileChannel channel;
        private ByteBuffer bytes = ByteBuffer.allocate(BLOCK * FRAME_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        private long frames;

        StageWriter(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(double[][] src, int count) throws IOException {
            if (bytes.capacity() < count * FRAME_BYTES) {
                bytes = ByteBuffer.allocate(count * FRAME_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            }
            bytes.clear();
            for (int i = 0; i < count; i++) {
                bytes.putDouble(src[0][i]);
                bytes.putDouble(src[1][i]);
            }
            bytes.flip();
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            frames += count;
        }

        @Override
        public long framesWritten() {
            return frames;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** The track ReplayGain of a master: its integrated loudness and true peak. */
    static TrackMetadata.ReplayGain trackGain(SongReport report) {
        return SongDeliverables.replayGain(report.output().integratedLufs(), report.output().truePeakDbtp());
    }

    @Override
    public List<DeliveryResult> results() {
        return files == null ? List.of() : files.results();
    }

    /** The last encoded render's waveform overview; null before one. */
    WaveformSummary waveform() {
        return files == null ? null : files.waveform();
    }

    @Override
    public void discard() throws IOException {
        if (files != null) {
            files.discard();
        }
        for (DeliverySpec spec : specs) {
            Files.deleteIfExists(spec.target());
        }
        Files.deleteIfExists(stage);
        files = null;
    }
}
