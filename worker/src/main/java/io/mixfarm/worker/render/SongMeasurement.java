package io.mixfarm.worker.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.contract.BlockEnergies;
import io.mixfarm.contract.Progress.Stage;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.SongAnalysis;
import io.mixfarm.engine.analysis.LoudnessMeasurement;
import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.InvalidAudioException;
import io.mixfarm.engine.error.PermanentException;
import io.mixfarm.engine.loudness.GatingBlocks;
import io.mixfarm.engine.loudness.LoudnessMeter;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * A MEASURE task: measures without rendering. A song's finished source is measured as it is (its
 * own rate and channels, no resampling); a stem song is mixed ({@link Mixdown}, no mastering) and
 * the mix is measured. Reports integrated loudness, loudness range, true and sample peak, and the
 * 400 ms and 3 s blocks the coordinator pools into album figures; writes no files.
 */
final class SongMeasurement {

    private SongMeasurement() {
    }

    static RenderedSong measure(RenderTask task, List<LocalStem> stems, Path workDir, int threads,
                                RenderProgress progress) throws IOException {
        Path file;
        String name;
        if (task.spec().song().hasSource()) {
            if (stems.size() != 1) {
                throw new PermanentException("a song with a source needs exactly one task location; the task has "
                        + stems.size());
            }
            file = stems.get(0).file();
            name = stems.get(0).location().uri();
        } else {
            file = workDir.resolve(EngineSongRenderer.MIX_FILE);
            Mixdown.render(task, stems, file, threads, progress);
            name = "mix of " + task.songId();
        }
        Measured m = measure(file, name, progress);
        SongAnalysis analysis = new SongAnalysis(m.loudness().integratedLufs(), m.loudness().loudnessRangeLu(),
                m.loudness().truePeakDbtp(), BlockEnergies.of(m.loudness().gatingBlocks()),
                BlockEnergies.of(m.shortTerm()), null, m.loudness().samplePeakDbfs());
        return new RenderedSong(List.of(), report(task, m.loudness()), analysis);
    }

    private record Measured(LoudnessMeasurement loudness, GatingBlocks shortTerm) {
    }

    /** Frames decoded per read. */
    private static final int BLOCK_FRAMES = 8192;

    /** Streams the file once through one meter. */
    private static Measured measure(Path file, String name, RenderProgress progress) throws IOException {
        try (AudioReader decoded = AudioFiles.open(FileChannel.open(file), name)) {
            if (decoded.info().channels() > 2) {
                throw new InvalidAudioException(name, decoded.info().channels()
                        + " channels; the farm measures mono and stereo audio");
            }
            AudioInfo info = decoded.info();
            LoudnessMeter meter = new LoudnessMeter(info.sampleRate(), info.channels());
            AudioReader reader = new ProgressReader(decoded, Stage.DECODE, progress, meter);
            double[][] block = new double[info.channels()][BLOCK_FRAMES];
            long frames = 0;
            int n;
            while ((n = reader.read(block, BLOCK_FRAMES)) > 0) {
                frames += n;
            }
            return new Measured(new LoudnessMeasurement(info, frames, meter.integratedLufs(), meter.loudnessRangeLu(),
                    meter.truePeakDbtp(), meter.samplePeakDbfs(), meter.gatingBlocks()), meter.shortTermBlocks());
        }
    }

    private static ObjectNode report(RenderTask task, LoudnessMeasurement m) {
        ObjectNode root = SongReportJson.header(task);
        if (task.spec().song().hasSource()) {
            root.put("source", task.spec().song().source());
        }
        root.put("sourceSampleRate", m.info().sampleRate());
        root.put("channels", m.info().channels());
        root.put("durationSeconds", SongReportJson.round(m.durationSeconds()));
        ObjectNode figures = root.putObject("measured");
        SongReportJson.number(figures, "integratedLufs", m.integratedLufs());
        SongReportJson.number(figures, "loudnessRangeLu", m.loudnessRangeLu());
        SongReportJson.number(figures, "truePeakDbtp", m.truePeakDbtp());
        SongReportJson.number(figures, "samplePeakDbfs", m.samplePeakDbfs());
        return root;
    }
}
