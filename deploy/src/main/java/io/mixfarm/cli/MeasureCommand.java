package io.mixfarm.cli;

import io.mixfarm.cli.measure.MeasureBatch;
import io.mixfarm.cli.measure.MeasureReport;
import io.mixfarm.cli.measure.MeasuredFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code farm measure}: BS.1770-4 / EBU R128 loudness of audio files, in parallel. */
@Command(name = "measure",
        mixinStandardHelpOptions = true,
        description = {
                "Measure integrated loudness, loudness range, true peak and sample peak "
                        + "(ITU-R BS.1770-4, EBU R128) of WAV, RF64, AIFF and FLAC files.",
                "Files are measured in parallel; a file that cannot be measured gets a one-line reason "
                        + "and the exit code is 1, the others are still measured."
        })
final class MeasureCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Audio files to measure.")
    List<Path> files;

    @Option(names = "--json", description = "Print a JSON array, one object per file.")
    boolean json;

    @Option(names = "--album", description = "Also report the album loudness: every file's gating blocks "
            + "pooled (ReplayGain 2.0 album style), not an average. With --json the output becomes "
            + "an object {\"files\": [...], \"album\": {...}}.")
    boolean album;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Files measured at once (default: cores = ${DEFAULT-VALUE}).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        if (jobs < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--jobs: " + jobs + " is below 1");
        }
        List<MeasuredFile> results = MeasureBatch.measure(files, jobs);
        PrintStream out = System.out;
        MeasureReport report = new MeasureReport(results, album);
        if (json) {
            out.println(report.json());
        } else {
            report.printText(out);
        }
        return results.stream().anyMatch(MeasuredFile::failed) ? 1 : 0;
    }
}
