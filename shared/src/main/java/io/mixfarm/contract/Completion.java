package io.mixfarm.contract;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What a completed task produced.
 *
 * @param outputs  every object written (deliverables, report, plots); for ANALYZE at most the
 *                 song's float mix left for MASTER ({@link OutputKeys#workMix}, named {@code mix})
 * @param report   the song report as written to storage (free-form JSON, versioned by its writer)
 * @param analysis ANALYZE: the pre-limiter measurements the album gain is computed from; FULL and
 *                 MASTER: the master's own measurements, which the album report pools
 */
public record Completion(List<Output> outputs, JsonNode report, SongAnalysis analysis) {

    public Completion {
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        Checks.required(report, "Completion.report");
    }
}
