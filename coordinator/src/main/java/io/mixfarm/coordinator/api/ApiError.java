package io.mixfarm.coordinator.api;

import java.util.List;

/**
 * The body of every error response: {@code {"error": "...", "problems": [{"path", "message"}]}}.
 *
 * @param error    what went wrong, in one sentence
 * @param problems every problem found, each with its path; empty when there is nothing more to say
 */
public record ApiError(String error, List<ApiProblem> problems) {

    public ApiError {
        problems = List.copyOf(problems);
    }

    public static ApiError of(String error) {
        return new ApiError(error, List.of());
    }
}
