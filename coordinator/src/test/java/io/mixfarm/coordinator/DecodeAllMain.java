package io.mixfarm.coordinator;

import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioReader;

import java.io.File;
import java.util.Arrays;

/**
 * Reads every file of a directory to its end the way a worker's mixdown does
 * ({@link AudioFiles#open} and blocks of 4096 frames), printing one line per file: {@code OK
 * <frames>}, or {@code REFUSED <message>} for an exception that says what is wrong with the
 * file. Anything else (OutOfMemoryError included) ends the process with status 3. Run by
 * {@link HostileStemHeapTest} in a JVM with a small heap.
 */
public final class DecodeAllMain {

    private DecodeAllMain() {
    }

    public static void main(String[] args) {
        File[] files = new File(args[0]).listFiles();
        Arrays.sort(files);
        double[][] block = new double[8][4096];
        for (File file : files) {
            try (AudioReader reader = AudioFiles.open(file.toPath())) {
                long frames = 0;
                for (int n; (n = reader.read(block, 4096)) > 0; ) {
                    frames += n;
                }
                System.out.println(file.getName() + "\tOK " + frames);
            } catch (Exception e) {
                System.out.println(file.getName() + "\tREFUSED " + e.getClass().getSimpleName() + ": " + e.getMessage());
            } catch (Throwable t) {
                System.out.println(file.getName() + "\tCRASHED " + t);
                System.exit(3);
            }
        }
    }
}
