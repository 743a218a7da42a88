package io.mixfarm.worker.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.contract.BlockEnergies;
import io.mixfarm.contract.OutputKeys;
import io.mixfarm.contract.Progress.Stage;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.contract.SongAnalysis;
import io.mixfarm.engine.analysis.LoudnessAnalyzer;
import io.mixfarm.engine.analysis.LoudnessMeasurement;
import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.deliver.DeliveryResult;
import io.mixfarm.engine.deliver.DeliverySpec;
import io.mixfarm.engine.deliver.DeliveryWriter;
import io.mixfarm.engine.deliver.LoudnessPlot;
import io.mixfarm.engine.deliver.LoudnessPlotData;
import io.mixfarm.engine.deliver.WaveformSummary;
import io.mixfarm.engine.loudness.LoudnessMeter;
import io.mixfarm.manifest.Mastering;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders tasks with the engine: mixdown of the stems into a stereo float file at the session
 * rate; then for ANALYZE the measurements the coordinator pools into the album gain, for FULL and
 * MASTER mastering into every deliverable (one pass through the delivery writer), the song report
 * and the loudness plot, under the deterministic keys of {@link OutputKeys}.
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
        if (task.phase() == io.mixfarm.contract.Phase.ANALYZE) {
            return analyze(task, mix, progress);
        }
        return master(task, mix, workDir, progress);
    }

    private RenderedSong analyze(RenderTask task, Path mix, RenderProgress progress) throws IOException {
        progress.report(Stage.MASTER, 0);
        LoudnessMeter meter;
        try (AudioReader reader = AudioFiles.open(mix)) {
            meter = meter(reader, null, progress);
        }
        SongAnalysis analysis = new SongAnalysis(meter.integratedLufs(), meter.loudnessRangeLu(), meter.truePeakDbtp(),
                BlockEnergies.of(meter.gatingBlocks()), BlockEnergies.of(meter.shortTermBlocks()));
        ObjectNode report = SongReportJson.analysis(task, meter);
        return new RenderedSong(List.of(), report, analysis);
    }

    /**
     * Stand-in mastering until the mastering chain is on main: a gain to the target measured on
     * the mix (album gain for MASTER tasks), no limiter; the true peak is reported as measured.
     */
    private RenderedSong master(RenderTask task, Path mix, Path workDir, RenderProgress progress) throws IOException {
        Mastering mastering = task.spec().mastering();
        progress.report(Stage.MASTER, 0);
        LoudnessMeasurement measured = LoudnessAnalyzer.measure(mix);
        double gainDb = task.albumGainDb() != null ? task.albumGainDb()
                : Double.isFinite(measured.integratedLufs()) ? mastering.targetLufs() - measured.integratedLufs() : 0;
        List<Deliverables.Planned> planned = Deliverables.plan(task, workDir);
        List<DeliveryResult> results = deliver(mix, gainDb, planned, progress);

        List<RenderedFile> files = new ArrayList<>();
        planned.forEach(p -> files.add(p.file()));
        S3Uri folder = OutputKeys.songFolder(S3Uri.parse(task.spec().outputPrefix()), task.songId());
        Path plot = workDir.resolve(PLOT_FILE);
        plot(task, results.get(0).path(), plot, progress);
        files.add(new RenderedFile("plot", plot, folder.resolve(PLOT_FILE), "image/png"));
        ObjectNode report = SongReportJson.master(task, measured, gainDb, results);
        Path reportFile = workDir.resolve(OutputKeys.SONG_REPORT);
        Files.write(reportFile, SongReportJson.bytes(report));
        files.add(new RenderedFile("report", reportFile,
                OutputKeys.songReport(S3Uri.parse(task.spec().outputPrefix()), task.songId()), "application/json"));
        return new RenderedSong(files, report, null);
    }

    private static List<DeliveryResult> deliver(Path mix, double gainDb, List<Deliverables.Planned> planned,
                                                RenderProgress progress) throws IOException {
        double gain = Math.pow(10, gainDb / 20);
        List<DeliverySpec> specs = planned.stream().map(Deliverables.Planned::spec).toList();
        try (AudioReader reader = AudioFiles.open(mix)) {
            AudioInfo info = reader.info();
            DeliveryWriter writer = DeliveryWriter.open(info.sampleRate(), 2, specs, BLOCK);
            try (writer) {
                double[][] block = new double[2][BLOCK];
                long done = 0;
                int n;
                while ((n = reader.read(block, BLOCK)) > 0) {
                    for (double[] channel : block) {
                        for (int i = 0; i < n; i++) {
                            channel[i] *= gain;
                        }
                    }
                    writer.write(block, n);
                    done += n;
                    progress.report(Stage.ENCODE, info.frames() > 0 ? (double) done / info.frames() : 0);
                }
            }
            return writer.results();
        }
    }

    private static void plot(RenderTask task, Path master, Path png, RenderProgress progress) throws IOException {
        try (AudioReader reader = AudioFiles.open(master)) {
            WaveformSummary waveform = new WaveformSummary(PLOT_WIDTH, reader.info().sampleRate());
            LoudnessMeter meter = meter(reader, waveform, progress);
            Mastering m = task.spec().mastering();
            LoudnessPlot.write(LoudnessPlotData.of(task.spec().song().title(), waveform, meter, m.targetLufs(),
                    m.ceilingDbtp()), PLOT_WIDTH, PLOT_HEIGHT, png);
        }
    }

    private static LoudnessMeter meter(AudioReader reader, WaveformSummary waveform, RenderProgress progress)
            throws IOException {
        AudioInfo info = reader.info();
        LoudnessMeter meter = new LoudnessMeter(info.sampleRate(), info.channels());
        double[][] block = new double[info.channels()][BLOCK];
        int n;
        while ((n = reader.read(block, BLOCK)) > 0) {
            meter.process(block, n);
            if (waveform != null) {
                waveform.process(block, n);
            }
            progress.report(Stage.MASTER, Math.min(1, (double) meter.framesProcessed() / Math.max(1, info.frames())));
        }
        return meter;
    }

    public int renderThreads() {
        return renderThreads;
    }
}
