package io.mixfarm.cli;

import io.mixfarm.cli.master.MasterBatch;
import io.mixfarm.cli.master.MasterJob;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.master.MasteringSettings;
import io.mixfarm.engine.master.Preset;
import io.mixfarm.engine.master.UnreachablePolicy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code farm master}: masters stereo files to a loudness target under a true-peak ceiling. */
@Command(name = "master",
        mixinStandardHelpOptions = true,
        description = {
                "Master a stereo (or mono) file: gain to the target integrated loudness through a look-ahead "
                        + "true-peak limiter, then write WAV or FLAC at the rate and bit depth asked. Prints "
                        + "the report and writes OUT.report.json beside OUT.",
                "  farm master IN OUT [--preset P | --target-lufs X --ceiling-dbtp Y]",
                "  farm master --out-dir DIR IN...   (many files, in parallel)"
        })
final class MasterCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "IN OUT, or with --out-dir the inputs.")
    List<Path> files;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "Batch mode: master every FILE into DIR "
            + "(same base name, extension of --format).")
    Path outDir;

    @Option(names = "--preset", paramLabel = "P", description = "streaming (-14 LUFS, -1 dBTP), apple (-16, -1), "
            + "broadcast (-23, -1), aes-music (-16, -1). Default: ${DEFAULT-VALUE}.")
    String preset = "streaming";

    @Option(names = "--target-lufs", paramLabel = "X", description = "Custom integrated loudness target.")
    Double targetLufs;

    @Option(names = "--ceiling-dbtp", paramLabel = "Y", description = "Custom true-peak ceiling.")
    Double ceilingDbtp;

    @Option(names = "--max-limiting-db", paramLabel = "DB", description = "Most limiter gain reduction allowed to "
            + "reach the target (default: ${DEFAULT-VALUE}).")
    double maxLimitingDb = MasteringSettings.DEFAULT_MAX_LIMITING_DB;

    @Option(names = "--when-unreachable", paramLabel = "limit|report|force", description = "When the target needs more "
            + "limiting: limit = deliver at the loudest level within it, report = write nothing, force = apply the "
            + "limiting the target needs and say so in the report (default: ${DEFAULT-VALUE}).")
    String whenUnreachable = "limit";

    @Option(names = "--sample-rate", paramLabel = "R", description = "Output sample rate (default: the input's).")
    int sampleRate;

    @Option(names = "--bit-depth", paramLabel = "B", description = "16 or 24 (TPDF-dithered PCM), 32 (float, WAV "
            + "only). Default: ${DEFAULT-VALUE}.")
    int bitDepth = 24;

    @Option(names = "--format", paramLabel = "wav|flac", description = "Output container (default: from OUT's "
            + "extension; wav in batch mode).")
    String format;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Files mastered at once (default: cores = ${DEFAULT-VALUE}).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        MasteringSettings settings = settings();
        SampleFormat sampleFormat = sampleFormat();
        List<MasterJob> work = new ArrayList<>();
        if (outDir == null) {
            if (files.size() != 2) {
                throw bad("expected IN OUT (or --out-dir DIR IN...), got " + files.size() + " file(s)");
            }
            Container container = container(files.get(1));
            work.add(new MasterJob(files.get(0), files.get(1), container, sampleRate, checked(sampleFormat, container)));
        } else {
            java.nio.file.Files.createDirectories(outDir);
            Container container = container(null);
            String extension = container == Container.FLAC ? ".flac" : ".wav";
            for (Path in : files) {
                String name = in.getFileName().toString();
                int dot = name.lastIndexOf('.');
                Path out = outDir.resolve((dot > 0 ? name.substring(0, dot) : name) + extension);
                work.add(new MasterJob(in, out, container, sampleRate, checked(sampleFormat, container)));
            }
        }
        if (jobs < 1) {
            throw bad("--jobs: " + jobs + " is below 1");
        }
        return MasterBatch.run(work, settings, jobs, json, System.out);
    }

    private MasteringSettings settings() {
        Preset p;
        try {
            p = Preset.byName(preset);
        } catch (IllegalArgumentException e) {
            throw bad("--preset: " + e.getMessage());
        }
        double target = targetLufs != null ? targetLufs : p.targetLufs();
        double ceiling = ceilingDbtp != null ? ceilingDbtp : p.ceilingDbtp();
        UnreachablePolicy policy = switch (whenUnreachable) {
            case "limit" -> UnreachablePolicy.LIMIT;
            case "report" -> UnreachablePolicy.REPORT;
            case "force" -> UnreachablePolicy.FORCE;
            default -> throw bad("--when-unreachable: '" + whenUnreachable + "' is not limit, report or force");
        };
        try {
            return MasteringSettings.custom(target, ceiling).withLimits(maxLimitingDb, policy);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    private SampleFormat sampleFormat() {
        return switch (bitDepth) {
            case 16 -> SampleFormat.PCM_16;
            case 24 -> SampleFormat.PCM_24;
            case 32 -> SampleFormat.FLOAT_32;
            default -> throw bad("--bit-depth: " + bitDepth + " is not 16, 24 or 32");
        };
    }

    private SampleFormat checked(SampleFormat f, Container container) {
        if (container == Container.FLAC && f == SampleFormat.FLOAT_32) {
            throw bad("--bit-depth 32 (float) is WAV only; FLAC takes 16 or 24");
        }
        if (sampleRate != 0 && (sampleRate < 8000 || sampleRate > 384_000)) {
            throw bad("--sample-rate: " + sampleRate + " is outside 8000..384000");
        }
        return f;
    }

    /** From --format, else from the output's extension (batch mode: wav). */
    private Container container(Path out) {
        String name = format != null ? format
                : out == null ? "wav" : extension(out.getFileName().toString());
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "wav" -> Container.WAV;
            case "flac" -> Container.FLAC;
            default -> throw bad(format != null ? "--format: '" + format + "' is not wav or flac"
                    : out + ": cannot tell the format from the extension; use --format wav|flac");
        };
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    private CommandLine.ParameterException bad(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
