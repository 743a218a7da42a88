package io.mixfarm.coordinator.api;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.MediaTypes;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.headers.CacheControl;
import akka.http.javadsl.model.headers.CacheDirectives;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.PathMatchers;
import akka.http.javadsl.server.Route;
import io.mixfarm.contract.Output;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.coordinator.state.FarmStats;
import io.mixfarm.coordinator.state.SessionView;
import io.mixfarm.coordinator.state.SessionsActor;
import io.mixfarm.coordinator.state.SongView;
import io.mixfarm.coordinator.storage.ObjectStore;
import io.mixfarm.coordinator.storage.StorageException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The web dashboard and the API it needs beyond the session API:
 * <pre>
 * GET /                                          the dashboard (static files from the jar's dashboard/ folder)
 * GET /dashboard/...                             its scripts and styles
 * GET /api/v1/farm                               songs/min, realtime factor, slots busy, queue and worker lag
 * GET /api/v1/sessions/{id}/songs/{song}/plot    the song's loudness plot (PNG), read from S3
 * </pre>
 * The static files carry no data and are public; the API routes sit behind the same bearer
 * token as the rest of the API (the page asks for it once and sends it as a header).
 */
final class DashboardRoutes extends AllDirectives {

    /** Largest plot served (the workers write about 100 kB). */
    static final long MAX_PLOT_BYTES = 8L << 20;
    static final String PLOT_FILE = "loudness.png";

    private final ActorSystem<?> system;
    private final ActorRef<SessionsActor.Command> sessions;
    private final Duration askTimeout;
    private final BearerAuth auth;
    private final ObjectStore store;
    private final WorkerLag lag;
    private final Executor blocking;

    DashboardRoutes(ActorSystem<?> system, ActorRef<SessionsActor.Command> sessions, Duration askTimeout,
                    BearerAuth auth, ObjectStore store, WorkerLag lag, Executor blocking) {
        this.system = system;
        this.sessions = sessions;
        this.askTimeout = askTimeout;
        this.auth = auth;
        this.store = store;
        this.lag = lag;
        this.blocking = blocking;
    }

    Route routes(Function<java.util.function.Supplier<Route>, Route> whenReady) {
        return concat(
                get(() -> respondWithHeader(CacheControl.create(CacheDirectives.NO_CACHE), () -> concat(
                        pathSingleSlash(() -> getFromResource("dashboard/index.html", ContentTypes.TEXT_HTML_UTF8)),
                        pathPrefix("dashboard", () -> getFromResourceDirectory("dashboard"))))),
                pathPrefix(PathMatchers.segment("api").slash("v1"), () -> auth.authenticated(() -> concat(
                        path("farm", () -> get(() -> whenReady.apply(this::farm))),
                        path(PathMatchers.segment("sessions").slash(PathMatchers.segment()).slash("songs")
                                        .slash(PathMatchers.segment()).slash("plot"),
                                (id, song) -> get(() -> whenReady.apply(() -> plot(id, song))))))));
    }

    private Route farm() {
        CompletionStage<FarmStats> stats = AskPattern.ask(sessions, SessionsActor.GetFarm::new, askTimeout,
                system.scheduler());
        CompletionStage<WorkerLag.Lag> lagged = CompletableFuture.supplyAsync(lag::current, blocking);
        return completeWithFuture(stats.thenCombine(lagged, (s, l) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("stats", s);
            body.put("lag", l.records());
            body.put("consumers", l.consumers());
            return Responses.json(StatusCodes.OK, body);
        }));
    }

    private Route plot(String sessionId, String songId) {
        CompletionStage<Optional<SessionView>> view = AskPattern.ask(sessions,
                r -> new SessionsActor.GetSession(sessionId, r), askTimeout, system.scheduler());
        return completeWithFuture(view.thenCompose(v -> {
            Optional<SongView> song = v.flatMap(s -> s.songs().stream().filter(x -> x.songId().equals(songId)).findFirst());
            if (song.isEmpty()) {
                return done(Responses.error(StatusCodes.NOT_FOUND, v.isEmpty() ? "no session " + sessionId
                        : "session " + sessionId + " has no song " + songId));
            }
            Optional<String> uri = song.get().outputs() == null ? Optional.empty() : song.get().outputs().stream()
                    .map(Output::uri).filter(u -> u.endsWith("/" + PLOT_FILE)).findFirst();
            if (uri.isEmpty()) {
                return done(Responses.error(StatusCodes.NOT_FOUND, "song " + songId + " has no plot yet"));
            }
            return CompletableFuture.supplyAsync(() -> read(S3Uri.parse(uri.get())), blocking);
        }));
    }

    private HttpResponse read(S3Uri uri) {
        try {
            return store.get(uri, MAX_PLOT_BYTES)
                    .map(bytes -> HttpResponse.create().withEntity(
                            ContentTypes.create(MediaTypes.IMAGE_PNG), bytes))
                    .orElseGet(() -> Responses.error(StatusCodes.NOT_FOUND, "the plot is not in S3 (" + uri + ")"));
        } catch (StorageException e) {
            return Responses.error(StatusCodes.SERVICE_UNAVAILABLE, "the plot could not be read from S3: " + e.getMessage());
        }
    }

    private static CompletionStage<HttpResponse> done(HttpResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
