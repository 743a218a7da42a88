package io.mixfarm.cli.measure;

import io.mixfarm.engine.analysis.LoudnessAnalyzer;
import io.mixfarm.engine.audio.InvalidAudioException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Measures files in parallel; results come back in the order the files were given. */
public final class MeasureBatch {
    private MeasureBatch() {
    }

    public static List<MeasuredFile> measure(List<Path> files, int jobs) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, files.size())), runnable -> {
            Thread thread = new Thread(runnable, "measure");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<MeasuredFile>> pending = new ArrayList<>();
            for (Path file : files) {
                pending.add(pool.submit(() -> measureOne(file)));
            }
            List<MeasuredFile> results = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                try {
                    results.add(pending.get(i).get());
                } catch (ExecutionException e) {
                    results.add(MeasuredFile.failed(files.get(i), "internal error: " + e.getCause()));
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Never throws for a bad file: the reason becomes the result so the other files still count. */
    static MeasuredFile measureOne(Path file) {
        try {
            return MeasuredFile.ok(file, LoudnessAnalyzer.measure(file));
        } catch (InvalidAudioException e) {
            return MeasuredFile.failed(file, e.reason());
        } catch (NoSuchFileException e) {
            return MeasuredFile.failed(file, "no such file");
        } catch (AccessDeniedException e) {
            return MeasuredFile.failed(file, "permission denied");
        } catch (IOException e) {
            return MeasuredFile.failed(file, "cannot read: " + e.getMessage());
        } catch (OutOfMemoryError e) {
            return MeasuredFile.failed(file, "out of memory while decoding");
        } catch (RuntimeException e) {
            return MeasuredFile.failed(file, "internal error: " + e);
        }
    }
}
