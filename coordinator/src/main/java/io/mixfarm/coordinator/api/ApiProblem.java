package io.mixfarm.coordinator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mixfarm.manifest.ManifestProblem;

/**
 * One problem in an error body: where ({@code songs[1].stems[0].uri}, a query parameter, or ""
 * for the whole request) and why; line and column in the manifest when known.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiProblem(String path, String message, Integer line, Integer column) {

    public static ApiProblem of(String path, String message) {
        return new ApiProblem(path, message, null, null);
    }

    static ApiProblem of(ManifestProblem p) {
        return p.line() > 0 ? new ApiProblem(p.path(), p.message(), p.line(), p.column()) : of(p.path(), p.message());
    }
}
