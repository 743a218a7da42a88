package io.mixfarm.cli.master;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixfarm.engine.master.MasteringOutcome;
import io.mixfarm.engine.master.MasteringSettings;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs mastering jobs in parallel, writes each report beside its output and prints them in order. */
public final class MasterBatch {

    private MasterBatch() {
    }

    /**
     * Exit code: 0 when every file was mastered and delivered (on target, or short of it as the
     * unreachable-target policy allows), 1 otherwise.
     */
    public static int run(List<MasterJob> jobs, MasteringSettings settings, int threads, boolean json, PrintStream out)
            throws InterruptedException, IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, jobs.size()), r -> {
            Thread t = new Thread(r, "master");
            t.setDaemon(true);
            return t;
        });
        List<MasterJob.Result> results = new ArrayList<>();
        try {
            List<Future<MasterJob.Result>> pending = new ArrayList<>();
            for (MasterJob job : jobs) {
                pending.add(pool.submit(() -> job.run(settings)));
            }
            for (int i = 0; i < pending.size(); i++) {
                try {
                    results.add(pending.get(i).get());
                } catch (ExecutionException e) {
                    results.add(new MasterJob.Result(jobs.get(i), null, null, "internal error: " + e.getCause()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        boolean ok = true;
        for (MasterJob.Result result : results) {
            ObjectNode node = MasterJson.node(result);
            all.add(node);
            if (!result.failed()) {
                Files.writeString(result.job().reportPath(), MasterJson.text(node), StandardCharsets.UTF_8);
            }
            ok &= !result.failed() && result.song().report().outcome().delivered()
                    && result.song().report().outcome() != MasteringOutcome.TARGET_MISSED;
            if (!json) {
                MasterText.print(result, out);
            }
        }
        if (json) {
            out.println(MasterJson.text(results.size() == 1 ? all.get(0) : all));
        }
        return ok ? 0 : 1;
    }
}
