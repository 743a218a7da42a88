package io.mixfarm.coordinator.metrics;

import akka.http.javadsl.model.ContentType;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpMethods;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.PathMatchers;
import akka.http.javadsl.server.Route;
import io.mixfarm.coordinator.state.FarmCounts;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The coordinator's metrics over Akka HTTP: the scrape route for the metrics port, and the
 * wrapper around the API that counts session submissions by their answer.
 */
public final class MetricsRoutes extends AllDirectives {

    /** The Prometheus text exposition format (version 0.0.4). */
    private static final ContentType PROMETHEUS_TEXT = ContentTypes.parse("text/plain; version=0.0.4; charset=utf-8");
    private static final String SESSIONS = "/api/v1/sessions";
    /** Every reason {@link #reason(int)} gives. */
    static final List<String> REASONS = List.of("unreadable", "unauthorized", "too_large", "unsupported_media_type",
            "invalid", "too_many_requests", "unavailable", "client_error", "server_error");

    private final CoordinatorMetrics metrics;
    private final Supplier<CompletionStage<FarmCounts>> counts;

    /** @param counts asks the state actor for its counts (the gauges are set from them before each scrape) */
    public MetricsRoutes(CoordinatorMetrics metrics, Supplier<CompletionStage<FarmCounts>> counts) {
        this.metrics = metrics;
        this.counts = counts;
    }

    /** GET {@code path}: the Prometheus text, with the state gauges fresh (stale if the actor does not answer). */
    public Route scrape(String path) {
        return path(PathMatchers.separateOnSlashes(path.substring(1)), () -> get(() -> completeWithFuture(
                counts.get().handle((fresh, error) -> {
                    if (fresh != null) {
                        metrics.update(fresh);
                    }
                    return HttpResponse.create().withStatus(StatusCodes.OK)
                            .withEntity(HttpEntities.create(PROMETHEUS_TEXT,
                                    metrics.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                }))));
    }

    /** {@code api}, counting each answer to {@code POST /api/v1/sessions}: 202 submitted, else rejected. */
    public Route countingSubmissions(Route api) {
        return extractRequest(request -> {
            String p = request.getUri().path();
            if (!request.method().equals(HttpMethods.POST) || !(p.equals(SESSIONS) || p.equals(SESSIONS + "/"))) {
                return api;
            }
            return mapResponse(response -> {
                count(response.status().intValue());
                return response;
            }, () -> api);
        });
    }

    private void count(int status) {
        if (status == 202) {
            metrics.sessionSubmitted();
        } else {
            metrics.sessionRejected(reason(status));
        }
    }

    /** The reason tag of a refused submission, from the API's answer (see HttpApi's error codes). */
    static String reason(int status) {
        return switch (status) {
            case 400 -> "unreadable";
            case 401, 403 -> "unauthorized";
            case 413 -> "too_large";
            case 415 -> "unsupported_media_type";
            case 422 -> "invalid";
            case 429 -> "too_many_requests";
            case 503 -> "unavailable";
            default -> status >= 500 ? "server_error" : "client_error";
        };
    }
}
