package io.mixfarm.cli.master;

import io.mixfarm.engine.deliver.DeliveryResult;
import io.mixfarm.engine.master.LoudnessFigures;
import io.mixfarm.engine.master.SongReport;

import java.io.PrintStream;
import java.util.Locale;

/** The text form of a mastering result. */
final class MasterText {

    private MasterText() {
    }

    static void print(MasterJob.Result result, PrintStream out) {
        MasterJob job = result.job();
        if (result.failed()) {
            out.println(job.input() + "  error: " + result.error());
            return;
        }
        SongReport r = result.song().report();
        out.println(job.input() + " -> " + (r.outcome().delivered() ? job.output() : "(nothing written)")
                + "  [" + r.outcome().description() + "]");
        out.println("  input   " + figures(r.input()));
        out.println("  output  " + figures(r.output()));
        out.println(String.format(Locale.ROOT, "  target %s LUFS, ceiling %s dBTP; gain %+.2f dB; limiter GR max %.2f dB,"
                        + " mean %.2f dB (allowed %s dB); %d passes",
                fmt(r.targetLufs()), fmt(r.ceilingDbtp()), r.gainDb(), r.limiterMaxReductionDb(),
                r.limiterMeanReductionDb(), fmt(r.maxLimitingDb()), r.renders()));
        DeliveryResult f = result.file();
        if (f == null && r.outcome().delivered()) {
            out.println("  file    " + job.container() + " " + r.sampleRate() + " Hz " + job.format()
                    + " (the master at its own rate, dithered; levels as the output above)");
        }
        if (f != null) {
            out.println(String.format(Locale.ROOT, "  file    %s %d Hz %s: I %s LUFS, TP %s dBTP (inter-sample %s dBTP)",
                    f.container(), f.sampleRate(), f.format(), fmt(f.integratedLufs()), fmt(f.truePeakDbtp()),
                    fmt(f.interSamplePeakDbtp())));
        }
    }

    private static String figures(LoudnessFigures f) {
        return String.format(Locale.ROOT, "I %7s LUFS  LRA %5s LU  TP %6s dBTP  SP %6s dBFS  PLR %5s dB",
                fmt(f.integratedLufs()), fmt(f.loudnessRangeLu()), fmt(f.truePeakDbtp()), fmt(f.samplePeakDbfs()),
                fmt(f.plrDb()));
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v < 0 ? "-inf" : "+inf";
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
