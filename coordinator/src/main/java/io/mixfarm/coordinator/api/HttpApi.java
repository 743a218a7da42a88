package io.mixfarm.coordinator.api;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.http.javadsl.model.HttpEntity;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.headers.Location;
import akka.http.javadsl.model.headers.RetryAfter;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.ExceptionHandler;
import akka.http.javadsl.server.PathMatchers;
import akka.http.javadsl.server.RejectionHandler;
import akka.http.javadsl.server.Route;
import akka.http.scaladsl.model.EntityStreamSizeException;
import akka.http.scaladsl.model.IllegalRequestException;
import io.mixfarm.contract.Priority;
import io.mixfarm.coordinator.planning.Admission;
import io.mixfarm.coordinator.planning.AdmissionException;
import io.mixfarm.coordinator.planning.SessionPlan;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import io.mixfarm.coordinator.state.SessionsActor;
import io.mixfarm.coordinator.state.SessionsActor.ControlReply;
import io.mixfarm.coordinator.state.SessionCursor;
import io.mixfarm.coordinator.state.SessionQuery;
import io.mixfarm.coordinator.state.SessionStatus;
import io.mixfarm.coordinator.state.SessionView;
import io.mixfarm.coordinator.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.duration.FiniteDuration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The coordinator's HTTP API (JSON):
 * <pre>
 * POST /api/v1/sessions               manifest (YAML or JSON) → 202 {sessionId}
 * GET  /api/v1/sessions               ?state=&amp;limit=&amp;cursor= → a page of sessions, newest first
 * GET  /api/v1/sessions/{id}          the session with every song's state, attempts, timings, outputs, errors
 * POST /api/v1/sessions/{id}/cancel   cancel a running session
 * POST /api/v1/sessions/{id}/retry    publish one more attempt of every failed song
 * GET  /health/live, /health/ready
 * </pre>
 * and the web dashboard with its farm view and plots ({@link DashboardRoutes}).
 * Errors are {@link ApiError} bodies with 4xx codes: 400 unreadable request or manifest, 401
 * without the bearer token, 404, 409 for a state that does not allow the request, 413 for a body
 * over the size limit, 415 for a body that is not a manifest type, 422 for a manifest that reads
 * but is invalid (every problem with its path), 503 while the coordinator is not ready or S3 is
 * unavailable.
 */
public final class HttpApi extends AllDirectives {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    /**
     * How long a submission waits for its session to be stored. Storing is one Kafka transaction
     * with a task per song: for a large session under load it can outlast the ask timeout, and
     * answering "failed" then would disown a session that goes on to run (a client resubmitting
     * would render every song twice). The state actor always answers once the writes end (the
     * producer has its own timeouts); this stays under the server's request timeout (120 s).
     */
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(100);
    static final String SESSIONS = "/api/v1/sessions";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final ActorSystem<?> system;
    private final ActorRef<SessionsActor.Command> sessions;
    private final Admission admission;
    private final Executor admissionExecutor;
    private final CoordinatorSettings.Http settings;
    private final BearerAuth auth;
    private final Health health;
    private final DashboardRoutes dashboard;

    public HttpApi(ActorSystem<?> system, ActorRef<SessionsActor.Command> sessions, Admission admission,
                   Executor admissionExecutor, CoordinatorSettings settings, Health health, ObjectStore store,
                   WorkerLag workerLag) {
        this.system = system;
        this.sessions = sessions;
        this.admission = admission;
        this.admissionExecutor = admissionExecutor;
        this.settings = settings.http();
        this.auth = new BearerAuth(settings.apiToken());
        this.health = health;
        this.dashboard = new DashboardRoutes(system, sessions, this.settings.askTimeout(), auth, store, workerLag,
                admissionExecutor);
    }

    /** Every route, with JSON errors for rejections and failures. */
    public Route routes() {
        return handleExceptions(exceptions(), () -> handleRejections(rejections(), () -> concat(
                pathPrefix("health", () -> concat(
                        path("live", () -> get(() -> complete(live()))),
                        path("ready", () -> get(() -> complete(ready()))))),
                pathPrefix(PathMatchers.segment("api").slash("v1").slash("sessions"), () -> auth.authenticated(() -> concat(
                        pathEndOrSingleSlash(() -> concat(post(this::submit), get(this::list))),
                        path(PathMatchers.segment(), id -> get(() -> whenReady(() -> show(id)))),
                        path(PathMatchers.segment().slash("cancel"), id -> post(() -> whenReady(() -> cancel(id)))),
                        path(PathMatchers.segment().slash("retry"), id -> post(() -> whenReady(() -> retry(id))))))),
                dashboard.routes(this::whenReady)
        )));
    }

    private Route submit() {
        return whenReady(() -> parameterOptional("priority", priority -> {
            Optional<Priority> p = priority.map(HttpApi::priority).orElse(Optional.of(Priority.NORMAL));
            if (p.isEmpty()) {
                return complete(Responses.error(StatusCodes.BAD_REQUEST, "invalid query", List.of(ApiProblem.of(
                        "priority", "\"" + priority.get() + "\" is not one of urgent, normal, backfill"))));
            }
            long max = settings.maxManifestBytes();
            return withSizeLimit(max, () -> extractStrictEntity(finite(settings.bodyTimeout()), max,
                    entity -> completeWithFuture(submit(entity, p.get()))));
        }));
    }

    private CompletionStage<HttpResponse> submit(HttpEntity.Strict entity, Priority priority) {
        ManifestBody.Decoded body = ManifestBody.decode(entity.getContentType(), entity.getData().toArray());
        if (body.problem().isPresent()) {
            return CompletableFuture.completedFuture(Responses.error(body.unsupportedType()
                    ? StatusCodes.UNSUPPORTED_MEDIA_TYPE : StatusCodes.BAD_REQUEST, body.problem().get()));
        }
        return CompletableFuture.supplyAsync(() -> admission.admit(body.text(), "manifest", priority), admissionExecutor)
                .thenCompose(this::store)
                .exceptionally(HttpApi::admissionFailure);
    }

    private CompletionStage<HttpResponse> store(SessionPlan plan) {
        return AskPattern.<SessionsActor.Command, SessionsActor.Submitted>ask(sessions,
                replyTo -> new SessionsActor.Submit(plan, replyTo), STORE_TIMEOUT, system.scheduler()).handle((submitted, error) -> {
            if (error != null) {
                // not known whether it was stored: say so, without an invitation to retry blindly
                LOG.error("session {} not confirmed stored within {} s", plan.sessionId(), STORE_TIMEOUT.toSeconds(), error);
                return Responses.error(StatusCodes.GATEWAY_TIMEOUT, "storing session " + plan.sessionId()
                        + " did not finish in time; it may still start: look it up before submitting again");
            }
            if (submitted.failure() != null) {
                LOG.warn("session {} not stored: {}", plan.sessionId(), submitted.failure().toString());
                return Responses.error(StatusCodes.SERVICE_UNAVAILABLE, "the session could not be stored; submit again")
                        .addHeader(RetryAfter.create(5L));
            }
            return Responses.json(StatusCodes.ACCEPTED, Map.of("sessionId", plan.sessionId(),
                            "songs", plan.songs().size(), "albumMode", plan.albumMode(),
                            "location", SESSIONS + "/" + plan.sessionId()))
                    .addHeader(Location.create(SESSIONS + "/" + plan.sessionId()));
        });
    }

    private static HttpResponse admissionFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof AdmissionException a) {
            List<ApiProblem> problems = a.problems().stream().map(ApiProblem::of).toList();
            return switch (a.reason()) {
                case UNREADABLE -> Responses.error(StatusCodes.BAD_REQUEST, "the manifest cannot be read", problems);
                case INVALID -> Responses.error(StatusCodes.UNPROCESSABLE_ENTITY, "the manifest is not valid", problems);
                case STORAGE_UNAVAILABLE -> Responses.error(StatusCodes.SERVICE_UNAVAILABLE,
                        "S3 could not be asked about the stems; submit again later", problems).addHeader(RetryAfter.create(10L));
            };
        }
        LOG.error("submission failed", cause);
        return Responses.error(StatusCodes.INTERNAL_SERVER_ERROR, "the submission failed: " + cause);
    }

    private Route list() {
        return whenReady(() -> parameterOptional("state", state -> parameterOptional("limit", limit ->
                parameterOptional("cursor", cursor -> {
                    List<ApiProblem> problems = new ArrayList<>();
                    Set<SessionStatus> states = states(state, problems);
                    int n = limit(limit, problems);
                    Optional<SessionCursor> after = cursor.flatMap(c -> {
                        Optional<SessionCursor> decoded = SessionCursor.decode(c);
                        if (decoded.isEmpty()) {
                            problems.add(ApiProblem.of("cursor", "not a cursor from this API"));
                        }
                        return decoded;
                    });
                    if (!problems.isEmpty()) {
                        return complete(Responses.error(StatusCodes.BAD_REQUEST, "invalid query", problems));
                    }
                    SessionQuery query = new SessionQuery(states, n, after);
                    return completeWithFuture(this.<io.mixfarm.coordinator.state.SessionPage>ask(
                            r -> new SessionsActor.ListSessions(query, r)).thenApply(page -> Responses.json(StatusCodes.OK, page)));
                }))));
    }

    private Route show(String id) {
        return completeWithFuture(this.<Optional<SessionView>>ask(r -> new SessionsActor.GetSession(id, r))
                .thenApply(view -> view.map(v -> Responses.json(StatusCodes.OK, v))
                        .orElseGet(() -> Responses.error(StatusCodes.NOT_FOUND, "no session " + id))));
    }

    private Route cancel(String id) {
        return completeWithFuture(this.<ControlReply>ask(r -> new SessionsActor.Cancel(id, r)).thenApply(HttpApi::control));
    }

    private Route retry(String id) {
        return completeWithFuture(this.<ControlReply>ask(r -> new SessionsActor.Retry(id, r)).thenApply(HttpApi::control));
    }

    private static HttpResponse control(ControlReply reply) {
        return switch (reply.outcome()) {
            case DONE -> Responses.json(StatusCodes.OK, Map.of("message", reply.message(), "songs", reply.songs(),
                    "session", reply.session()));
            case NOT_FOUND -> Responses.error(StatusCodes.NOT_FOUND, reply.message());
            case CONFLICT -> Responses.error(StatusCodes.CONFLICT, reply.message());
            case FAILED -> Responses.error(StatusCodes.SERVICE_UNAVAILABLE, reply.message());
        };
    }

    private HttpResponse live() {
        return health.live() ? Responses.json(StatusCodes.OK, Map.of("status", "UP"))
                : Responses.json(StatusCodes.SERVICE_UNAVAILABLE, Map.of("status", "DOWN"));
    }

    private HttpResponse ready() {
        Map<String, Boolean> checks = health.readiness();
        boolean ok = checks.values().stream().allMatch(Boolean::booleanValue);
        return Responses.json(ok ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE,
                Map.of("status", ok ? "READY" : "NOT_READY", "checks", checks));
    }

    /** The API answers once the state is rebuilt; before that, 503 (a client retries). */
    private Route whenReady(java.util.function.Supplier<Route> inner) {
        return extractRequest(request -> {
            Map<String, Boolean> checks = health.readiness();
            if (checks.values().stream().allMatch(Boolean::booleanValue)) {
                return inner.get();
            }
            return complete(Responses.error(StatusCodes.SERVICE_UNAVAILABLE, "the coordinator is not ready: "
                    + checks.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList())
                    .addHeader(RetryAfter.create(2L)));
        });
    }

    private <T> CompletionStage<T> ask(Function<ActorRef<T>, SessionsActor.Command> message) {
        return AskPattern.ask(sessions, message::apply, settings.askTimeout(), system.scheduler());
    }

    private static Set<SessionStatus> states(Optional<String> param, List<ApiProblem> problems) {
        Set<SessionStatus> states = EnumSet.noneOf(SessionStatus.class);
        if (param.isEmpty()) {
            return states;
        }
        for (String name : param.get().split(",")) {
            try {
                states.add(SessionStatus.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add(ApiProblem.of("state", "\"" + name.trim() + "\" is not one of "
                        + List.of(SessionStatus.values()).toString().toLowerCase(Locale.ROOT)));
            }
        }
        return states;
    }

    private static int limit(Optional<String> param, List<ApiProblem> problems) {
        if (param.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(param.get().trim());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(ApiProblem.of("limit", "\"" + param.get() + "\" is not a whole number from 1 to " + MAX_LIMIT));
        return DEFAULT_LIMIT;
    }

    private static Optional<Priority> priority(String text) {
        return Priority.parse(text);
    }

    private static FiniteDuration finite(Duration d) {
        return FiniteDuration.create(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    private ExceptionHandler exceptions() {
        return ExceptionHandler.newBuilder()
                .match(EntityStreamSizeException.class, e -> complete(Responses.error(StatusCodes.PAYLOAD_TOO_LARGE,
                        "the request body is larger than " + settings.maxManifestBytes() + " bytes")))
                // Akka reports a body cut off at the limit as a 400 "Request too large".
                .match(IllegalRequestException.class, e -> complete(e.status().intValue() == 413
                        || e.info().summary().startsWith("Request too large")
                        ? Responses.error(StatusCodes.PAYLOAD_TOO_LARGE,
                        "the request body is larger than " + settings.maxManifestBytes() + " bytes")
                        : Responses.error(e.status(), e.info().summary())))
                .matchAny(e -> {
                    LOG.error("request failed", e);
                    return complete(Responses.error(StatusCodes.INTERNAL_SERVER_ERROR, "internal error: " + e.getClass().getSimpleName()));
                })
                .build();
    }

    /** Akka's own rejection answers (404, 405, ...) with their status, as JSON error bodies. */
    private static RejectionHandler rejections() {
        return RejectionHandler.defaultHandler().mapRejectionResponse(response -> {
            if (response.entity().getContentType().mediaType().toString().contains("json")) {
                return response;
            }
            String text = response.entity() instanceof HttpEntity.Strict strict
                    ? strict.getData().utf8String() : response.status().reason();
            return Responses.error(response.status(), text.isBlank() ? response.status().reason() : text)
                    .addHeaders(response.getHeaders());
        });
    }
}
