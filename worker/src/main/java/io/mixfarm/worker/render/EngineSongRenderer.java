package io.mixfarm.worker.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.contract.BlockEnergies;
import io.mixfarm.contract.OutputKeys;
import io.mixfarm.contract.Phase;
import io.mixfarm.contract.Progress.Stage;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.contract.SongAnalysis;
import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.deliver.DeliverySpec;
import io.mixfarm.engine.deliver.LoudnessPlot;
import io.mixfarm.engine.deliver.LoudnessPlotData;
import io.mixfarm.engine.deliver.WaveformSummary;
import io.mixfarm.engine.loudness.LoudnessMeter;
import io.mixfarm.engine.master.MasteringSettings;
import io.mixfarm.engine.master.StereoReader;
import io.mixfarm.engine.master.StereoSource;
import io.mixfarm.manifest.Mastering;
import io.mixfarm.render.MasteringMapping;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders tasks with the engine: the mixdown of the stems ({@link Mixdown}) into a stereo float
 * file at the session rate; then for ANALYZE the measurements the coordinator pools into the album
 * gain, for FULL and MASTER the mastering chain into every deliverable ({@link MasterDelivery}),
 * the song report and the loudness plot, under the deterministic keys of {@link OutputKeys}.
 */
public final class EngineSongRenderer implements SongRenderer {

    static final int BLOCK = 8192;
    static final String MIX_FILE = "mix.wav";
    /** The plot beside the song's masters. */
    public static final String PLOT_FILE = "loudness.png";
    static final int PLOT_WIDTH = 1200;
    static final int PLOT_HEIGHT = 560;

    private final int renderThreads;

    /** @param renderThreads threads one mixdown may use */
    public EngineSongRenderer(int renderThreads) {
        this.renderThreads = renderThreads;
    }

    @Override
    public RenderedSong render(RenderTask task, List<LocalStem> stems, Path workDir, RenderProgress progress)
            throws IOException {
        Path mix = workDir.resolve(MIX_FILE);
        Mixdown.render(task, stems, mix, renderThreads, progress);
        return task.phase() == Phase.ANALYZE ? analyze(task, mix, progress) : master(task, mix, workDir, progress);
    }

    /**
     * What the album gain is computed from: the mix after the song's pre-limiter chain (EQ, glue,
     * multiband, width), the signal the gain will be applied to — its loudness, true peak and
     * 400 ms blocks; the short-term blocks (album loudness range) are the mix's own.
     */
    private static RenderedSong analyze(RenderTask task, Path mix, RenderProgress progress) throws IOException {
        MasteringSettings settings = MasteringMapping.settings(task.spec().mastering(), task.spec().sampleRate());
        LoudnessMeter input = new LoudnessMeter(task.spec().sampleRate(), 2);
        String name = "mix of " + task.songId();
        StereoSource source = () -> new ProgressReader(StereoReader.of(AudioFiles.open(FileChannel.open(mix), name)),
                Stage.MASTER, progress, input);
        io.mixfarm.engine.master.SongAnalysis measured = io.mixfarm.engine.master.SongAnalysis.analyze(source, settings);
        SongAnalysis analysis = new SongAnalysis(measured.pre().integratedLufs(), measured.pre().loudnessRangeLu(),
                measured.pre().truePeakDbtp(), BlockEnergies.of(measured.preBlocks()),
                BlockEnergies.of(input.shortTermBlocks()));
        return new RenderedSong(List.of(), SongReportJson.analysis(task, measured), analysis);
    }

    private static RenderedSong master(RenderTask task, Path mix, Path workDir, RenderProgress progress)
            throws IOException {
        List<Deliverables.Planned> planned = Deliverables.plan(task, workDir);
        List<DeliverySpec> specs = planned.stream().map(Deliverables.Planned::spec).toList();
        MasterDelivery.Result mastered = MasterDelivery.run(task, mix, specs, progress);

        List<RenderedFile> files = new ArrayList<>();
        planned.forEach(p -> files.add(p.file()));
        S3Uri output = S3Uri.parse(task.spec().outputPrefix());
        Path plot = workDir.resolve(PLOT_FILE);
        LoudnessMeter delivered = plot(task, mastered.files().get(0).path(), plot, progress);
        files.add(new RenderedFile("plot", plot, OutputKeys.songFolder(output, task.songId()).resolve(PLOT_FILE),
                "image/png"));
        ObjectNode report = SongReportJson.master(task, mastered.song().report(), mastered.files());
        Path reportFile = workDir.resolve(OutputKeys.SONG_REPORT);
        Files.write(reportFile, SongReportJson.bytes(report));
        files.add(new RenderedFile("report", reportFile, OutputKeys.songReport(output, task.songId()),
                "application/json"));
        return new RenderedSong(files, report, measurements(delivered));
    }

    private static SongAnalysis measurements(LoudnessMeter meter) {
        return new SongAnalysis(meter.integratedLufs(), meter.loudnessRangeLu(), meter.truePeakDbtp(),
                BlockEnergies.of(meter.gatingBlocks()), BlockEnergies.of(meter.shortTermBlocks()));
    }

    /**
     * The plot of what was delivered: the first deliverable, measured again as a listener gets
     * it; the meter is returned for the completion's measurements of the master.
     */
    private static LoudnessMeter plot(RenderTask task, Path master, Path png, RenderProgress progress)
            throws IOException {
        try (AudioReader reader = new ProgressReader(AudioFiles.open(master), Stage.ENCODE, progress, null)) {
            WaveformSummary waveform = new WaveformSummary(PLOT_WIDTH, reader.info().sampleRate());
            LoudnessMeter meter = new LoudnessMeter(reader.info().sampleRate(), reader.info().channels());
            double[][] block = new double[reader.info().channels()][BLOCK];
            int n;
            while ((n = reader.read(block, BLOCK)) > 0) {
                meter.process(block, n);
                waveform.process(block, n);
            }
            Mastering m = task.spec().mastering();
            LoudnessPlot.write(LoudnessPlotData.of(task.spec().song().title(), waveform, meter, m.targetLufs(),
                    m.ceilingDbtp()), PLOT_WIDTH, PLOT_HEIGHT, png);
            return meter;
        }
    }
}
