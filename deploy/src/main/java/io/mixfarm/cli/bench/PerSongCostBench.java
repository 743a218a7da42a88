package io.mixfarm.cli.bench;

import io.mixfarm.contract.Phase;
import io.mixfarm.contract.Priority;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.SongSpec;
import io.mixfarm.contract.StemLocation;
import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;
import io.mixfarm.engine.deliver.LoudnessPlot;
import io.mixfarm.engine.deliver.LoudnessPlotData;
import io.mixfarm.engine.deliver.WaveformSummary;
import io.mixfarm.engine.loudness.LoudnessMeter;
import io.mixfarm.engine.loudness.MeterOptions;
import io.mixfarm.manifest.Deliverable;
import io.mixfarm.manifest.Mastering;
import io.mixfarm.manifest.Session;
import io.mixfarm.manifest.Song;
import io.mixfarm.manifest.Stem;
import io.mixfarm.manifest.Strip;
import io.mixfarm.worker.render.EngineSongRenderer;
import io.mixfarm.worker.render.LocalStem;
import io.mixfarm.worker.render.RenderedFile;
import io.mixfarm.worker.render.RenderedSong;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The worker's fixed cost per song, without the farm around it: the control-plane benchmark's
 * song (two one-second mono stems at 8 kHz, streaming preset, one 16-bit WAV master) rendered
 * over and over in one thread through {@link EngineSongRenderer}, as a worker renders a FULL
 * task; then its loudness plot alone and a true-peak meter alone on the same master. Prints
 * CPU milliseconds and bytes allocated per song for each.
 *
 * <p>With THREADS above 1 the loudness plot is also drawn by that many threads at once (as a
 * worker's render threads do), each writing its own file, and the CPU per plot and plots per
 * second of wall time are printed: threads sharing cores and caches cost more per plot.
 *
 * <pre>java -cp farm.jar io.mixfarm.cli.bench.PerSongCostBench [SONGS=2000] [RATE=8000] [THREADS=1]</pre>
 */
public final class PerSongCostBench {

    private static final String OUT = "s3://bench/out/per-song";

    private PerSongCostBench() {
    }

    public static void main(String[] args) throws IOException {
        int songs = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 8000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Path dir = Files.createTempDirectory("per-song-cost");
        List<LocalStem> stems = List.of(stem(dir, "stem-1", rate, 110), stem(dir, "stem-2", rate, 220));
        RenderTask task = task(stems, rate);
        EngineSongRenderer renderer = new EngineSongRenderer(1);
        Path[] master = new Path[1];
        int[] n = {0};
        Runnable render = () -> {
            try {
                Path work = Files.createDirectory(dir.resolve("w" + n[0]++));
                RenderedSong song = renderer.render(task, stems, work, (stage, fraction) -> { });
                for (RenderedFile f : song.files()) {
                    if (master[0] == null && f.name().endsWith(".wav")) {
                        master[0] = Files.copy(f.file(), dir.resolve("master.wav"));
                    }
                }
                try (var files = Files.walk(work)) {
                    for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };
        double[][] audio = read(renderOnce(render, master));
        WaveformSummary waveform = new WaveformSummary(2048, rate);
        waveform.process(audio, audio[0].length);
        LoudnessMeter measured = new LoudnessMeter(rate, 2);
        measured.process(audio, audio[0].length);
        LoudnessPlotData data = LoudnessPlotData.of("Song 1", waveform, measured, -14, -1);
        Path png = dir.resolve("loudness.png");
        Runnable plot = () -> {
            try {
                LoudnessPlot.write(data, 1600, 600, png);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };
        double[] sink = new double[1];
        Runnable truePeak = () -> meter(audio, rate, MeterOptions.DEFAULT, sink);
        Runnable loudnessOnly = () -> meter(audio, rate, MeterOptions.withoutTruePeak(), sink);

        System.out.printf(Locale.ROOT, "%d one-second songs at %d Hz, one thread%n", songs, rate);
        measure("whole render (FULL)", render, songs);
        measure("loudness plot", plot, songs);
        System.out.printf(Locale.ROOT, "  (plot: %d bytes)%n", Files.size(png));
        measure("meter, true peak on", truePeak, songs);
        measure("meter, true peak off", loudnessOnly, songs);
        if (threads > 1) {
            measureInThreads(data, dir, threads, songs);
        }
    }

    /** {@code threads} threads each draw {@code count} plots at once (after a warm-up): CPU per plot, plots per second. */
    private static void measureInThreads(LoudnessPlotData data, Path dir, int threads, int count) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads + 1);
        java.util.concurrent.CyclicBarrier end = new java.util.concurrent.CyclicBarrier(threads + 1);
        long[] cpu = new long[threads];
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Path png = dir.resolve("loudness-" + t + ".png");
            Thread worker = new Thread(() -> {
                try {
                    for (int i = 0; i < Math.max(1, count / 4); i++) {
                        LoudnessPlot.write(data, 1600, 600, png);
                    }
                    start.await();
                    long before = mx.getCurrentThreadCpuTime();
                    for (int i = 0; i < count; i++) {
                        LoudnessPlot.write(data, 1600, 600, png);
                    }
                    cpu[thread] = mx.getCurrentThreadCpuTime() - before;
                    end.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            worker.start();
            running.add(worker);
        }
        try {
            start.await();
            long wall = System.nanoTime();
            end.await();
            double seconds = (System.nanoTime() - wall) / 1e9;
            for (Thread worker : running) {
                worker.join();
            }
            long total = 0;
            for (long c : cpu) {
                total += c;
            }
            System.out.printf(Locale.ROOT, "%-24s %8.3f ms cpu/song  %8.1f plots/s%n",
                    "loudness plot, " + threads + " threads:", total / 1e6 / ((double) threads * count),
                    threads * count / seconds);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path renderOnce(Runnable render, Path[] master) {
        render.run();
        return master[0];
    }

    private static void meter(double[][] audio, int rate, MeterOptions options, double[] sink) {
        LoudnessMeter meter = new LoudnessMeter(rate, new double[] {1, 1}, options);
        meter.process(audio, audio[0].length);
        sink[0] += options.truePeak() ? meter.truePeakDbtp() : meter.integratedLufs();
    }

    /** Warms up on a quarter of the count, then prints CPU ms and allocated kB per call. */
    private static void measure(String name, Runnable work, int count) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < Math.max(1, count / 4); i++) {
            work.run();
        }
        long id = Thread.currentThread().getId();
        long cpu = threads.getCurrentThreadCpuTime();
        long allocated = threads.getThreadAllocatedBytes(id);
        long wall = System.nanoTime();
        for (int i = 0; i < count; i++) {
            work.run();
        }
        double ms = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / count;
        double wallMs = (System.nanoTime() - wall) / 1e6 / count;
        double kb = (threads.getThreadAllocatedBytes(id) - allocated) / 1024.0 / count;
        System.out.printf(Locale.ROOT, "%-24s %8.3f ms cpu/song  %8.3f ms wall/song  %9.1f kB allocated/song%n",
                name + ":", ms, wallMs, kb);
    }

    private static double[][] read(Path file) throws IOException {
        try (AudioReader reader = AudioFiles.open(file)) {
            int frames = (int) reader.info().frames();
            double[][] audio = new double[reader.info().channels()][frames];
            for (int done = 0; done < frames; ) {
                double[][] block = new double[audio.length][frames - done];
                int got = reader.read(block, frames - done);
                if (got <= 0) {
                    break;
                }
                for (int c = 0; c < audio.length; c++) {
                    System.arraycopy(block[c], 0, audio[c], done, got);
                }
                done += got;
            }
            return audio;
        }
    }

    private static LocalStem stem(Path dir, String id, int rate, double hz) throws IOException {
        Path file = dir.resolve(id + ".wav");
        double[][] block = new double[1][rate];
        for (int i = 0; i < rate; i++) {
            block[0][i] = 0.2 * Math.sin(2 * Math.PI * hz * i / rate);
        }
        try (AudioWriter writer = AudioFiles.create(file, new WriteSpec(Container.WAV, rate, 1, SampleFormat.PCM_16))) {
            writer.write(block, rate);
        }
        return new LocalStem(new StemLocation(id, "s3://bench/stems/" + id + ".wav", null, null), file);
    }

    private static RenderTask task(List<LocalStem> stems, int rate) {
        List<Stem> manifestStems = new ArrayList<>();
        for (LocalStem s : stems) {
            manifestStems.add(new Stem(s.location().stemId(), s.location().uri(), Strip.NEUTRAL, null, null));
        }
        Song song = new Song("song-1", "Song 1", null, null, manifestStems);
        Mastering mastering = new Mastering(Mastering.Preset.STREAMING, null, null, null, null, null, null, null,
                null, null, List.of(new Deliverable(Deliverable.Format.WAV, 16, null, null)));
        Session session = new Session(Session.API_VERSION, Session.KIND, "per-song", "Per-song cost", "Mixfarm", rate,
                OUT, mastering, List.of(), List.of(song));
        return RenderTask.of("per-song", 1, Phase.FULL, Priority.NORMAL, Instant.EPOCH, SongSpec.of(session, song, OUT),
                stems.stream().map(LocalStem::location).toList(), null);
    }
}
