package io.mixfarm.coordinator.state;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.mixfarm.contract.ContractException;
import io.mixfarm.contract.ContractMessage;
import io.mixfarm.contract.Failure;
import io.mixfarm.contract.Phase;
import io.mixfarm.contract.SessionRecord;
import io.mixfarm.contract.SongRecord;
import io.mixfarm.contract.TaskEvent;
import io.mixfarm.contract.TaskIds;
import io.mixfarm.contract.Topics;
import io.mixfarm.coordinator.planning.RetryPolicy;
import io.mixfarm.coordinator.planning.SessionPlan;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Holds every session's state and is the only thing that changes it: submissions, cancels and
 * retries from the API, task events from the events feed, retry timers and album reports. Each
 * change is published through the {@link StateWriter} (one Kafka transaction per change, task
 * and records together); API replies to changes are sent once it is committed.
 *
 * <p>Starts from the state read back from the sessions topic. Until the events feed has caught up
 * with what the events topic held at start, events are applied without the follow-ups that need
 * every song's news (the album gain, the end of a session); {@link CaughtUp} runs them for every
 * session and marks the coordinator ready.
 */
public final class SessionsActor extends AbstractBehavior<SessionsActor.Command> {

    /** What the actor is told. */
    public sealed interface Command permits Submit, GetSession, ListSessions, GetFarm, Cancel, Retry, ApplyEvents,
            CaughtUp, RetryDue, ReportWritten, SubmitFailed, GetCounts {
    }

    /** Accept an admitted session: publish its record and first tasks. */
    public record Submit(SessionPlan plan, ActorRef<Submitted> replyTo) implements Command {
    }

    /** The answer to {@link Submit}: {@code failure} is null when the session is stored and its tasks published. */
    public record Submitted(String sessionId, Throwable failure) {
    }

    public record GetSession(String sessionId, ActorRef<Optional<SessionView>> replyTo) implements Command {
    }

    public record ListSessions(SessionQuery query, ActorRef<SessionPage> replyTo) implements Command {
    }

    /** The farm's throughput and what is running now (the dashboard's farm view). */
    public record GetFarm(ActorRef<FarmStats> replyTo) implements Command {
    }

    /** Cancel a running session. */
    public record Cancel(String sessionId, ActorRef<ControlReply> replyTo) implements Command {
    }

    /** Try every failed song of a session once more. */
    public record Retry(String sessionId, ActorRef<ControlReply> replyTo) implements Command {
    }

    /**
     * The answer to {@link Cancel} and {@link Retry}, once the change is committed.
     *
     * @param songs the songs retried
     */
    public record ControlReply(Outcome outcome, String message, List<String> songs, SessionView session) {
        /** How the request went. */
        public enum Outcome { DONE, NOT_FOUND, CONFLICT, FAILED }
    }

    /** Events from the feed, in topic order; the reply lets the feed poll again. */
    public record ApplyEvents(List<TaskEvent> events, ActorRef<Done> replyTo) implements Command {
    }

    /** How many sessions are in each state and songs pending per priority (the metrics' gauges). */
    public record GetCounts(ActorRef<FarmCounts> replyTo) implements Command {
    }

    /** The feed has applied what the events topic held at start. */
    public record CaughtUp() implements Command {
    }

    record RetryDue(String sessionId, String songId, Phase phase, int attempt) implements Command {
    }

    record ReportWritten(String sessionId, int generation, String problem) implements Command {
    }

    record SubmitFailed(String sessionId) implements Command {
    }

    /**
     * What the actor works with.
     *
     * @param onReady called once the state is rebuilt and the events feed has caught up
     */
    public record Dependencies(StateWriter writer, AlbumReportWriter reports, Topics topics,
                               TaskPartitions taskPartitions, RetryPolicy retry, Clock clock, Runnable onReady) {
    }

    private final Dependencies deps;
    private final StateMetrics metrics;
    private final SessionMachine machine;
    private final TimerScheduler<Command> timers;
    private final Map<String, SessionState> sessions = new HashMap<>();
    private final TreeMap<SessionCursor, SessionState> byAge = new TreeMap<>(SessionCursor.ORDER);
    private boolean live;

    private SessionsActor(ActorContext<Command> context, TimerScheduler<Command> timers, Dependencies deps,
                          StoredState stored, StateMetrics metrics) {
        super(context);
        this.deps = deps;
        this.metrics = metrics;
        this.machine = new SessionMachine(deps.retry(), deps.clock());
        this.timers = timers;
        restore(stored);
    }

    /** The actor, starting from {@code stored}. */
    public static Behavior<Command> create(Dependencies deps, StoredState stored) {
        return create(deps, stored, StateMetrics.NONE);
    }

    /** The actor, starting from {@code stored}, telling {@code metrics} about songs that end. */
    public static Behavior<Command> create(Dependencies deps, StoredState stored, StateMetrics metrics) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new SessionsActor(context, timers, deps, stored, metrics)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Submit.class, this::onSubmit)
                .onMessage(SubmitFailed.class, this::onSubmitFailed)
                .onMessage(GetSession.class, this::onGetSession)
                .onMessage(ListSessions.class, this::onListSessions)
                .onMessage(GetFarm.class, this::onGetFarm)
                .onMessage(Cancel.class, this::onCancel)
                .onMessage(Retry.class, this::onRetry)
                .onMessage(ApplyEvents.class, this::onApplyEvents)
                .onMessage(CaughtUp.class, this::onCaughtUp)
                .onMessage(RetryDue.class, this::onRetryDue)
                .onMessage(ReportWritten.class, this::onReportWritten)
                .onMessage(GetCounts.class, this::onGetCounts)
                .build();
    }

    private Behavior<Command> onSubmit(Submit m) {
        String id = m.plan().sessionId();
        if (sessions.containsKey(id)) {
            m.replyTo().tell(new Submitted(id, new IllegalStateException("session " + id + " exists already")));
            return this;
        }
        Effects fx = effects();
        SessionState s = machine.admit(m.plan(), fx);
        add(s);
        var self = getContext().getSelf();
        run(fx).whenComplete((ok, error) -> {
            if (error != null) {
                self.tell(new SubmitFailed(id));
            }
            m.replyTo().tell(new Submitted(id, error));
        });
        return this;
    }

    private Behavior<Command> onSubmitFailed(SubmitFailed m) {
        SessionState s = sessions.remove(m.sessionId());
        if (s != null) {
            byAge.remove(s.position());
        }
        return this;
    }

    private Behavior<Command> onGetSession(GetSession m) {
        m.replyTo().tell(Optional.ofNullable(sessions.get(m.sessionId())).map(SessionView::of));
        return this;
    }

    private Behavior<Command> onListSessions(ListSessions m) {
        SessionQuery q = m.query();
        Iterator<SessionState> it = (q.after().isPresent() ? byAge.tailMap(q.after().get(), false) : byAge)
                .values().iterator();
        List<SessionSummary> page = new ArrayList<>();
        SessionState last = null;
        boolean more = false;
        while (it.hasNext()) {
            SessionState s = it.next();
            if (!q.states().isEmpty() && !q.states().contains(SessionStatus.of(s))) {
                continue;
            }
            if (page.size() == q.limit()) {
                more = true;
                break;
            }
            page.add(SessionSummary.of(s));
            last = s;
        }
        m.replyTo().tell(new SessionPage(page, more ? last.position().encode() : null));
        return this;
    }

    private Behavior<Command> onGetFarm(GetFarm m) {
        m.replyTo().tell(FarmStats.of(sessions.values(), deps.clock().instant()));
        return this;
    }

    private Behavior<Command> onCancel(Cancel m) {
        SessionState s = sessions.get(m.sessionId());
        if (s == null) {
            m.replyTo().tell(notFound(m.sessionId()));
            return this;
        }
        Effects fx = effects();
        if (!machine.cancel(s, fx)) {
            m.replyTo().tell(new ControlReply(ControlReply.Outcome.CONFLICT, "session " + s.id() + " has already ended ("
                    + SessionStatus.of(s) + ")", List.of(), SessionView.of(s)));
            return this;
        }
        s.songs.forEach(song -> timers.cancel(retryKey(s.id(), song.id())));
        reply(run(fx), m.replyTo(), new ControlReply(ControlReply.Outcome.DONE, "cancelled", List.of(), SessionView.of(s)));
        return this;
    }

    private Behavior<Command> onRetry(Retry m) {
        SessionState s = sessions.get(m.sessionId());
        if (s == null) {
            m.replyTo().tell(notFound(m.sessionId()));
            return this;
        }
        Effects fx = effects();
        List<String> retried = machine.retryFailed(s, fx);
        if (retried.isEmpty()) {
            String why = switch (s.record.state()) {
                case CANCELLED, COMPLETED -> "session " + s.id() + " is " + SessionStatus.of(s) + "; only failed songs are retried";
                default -> s.finishing ? "session " + s.id() + " is finishing; retry when it has ended"
                        : "session " + s.id() + " has no failed songs";
            };
            m.replyTo().tell(new ControlReply(ControlReply.Outcome.CONFLICT, why, List.of(), SessionView.of(s)));
            return this;
        }
        reply(run(fx), m.replyTo(), new ControlReply(ControlReply.Outcome.DONE, retried.size() + " songs retried",
                retried, SessionView.of(s)));
        return this;
    }

    /**
     * Applies a batch of events, then advances each session they touched once, and publishes
     * what they changed in one append (one Kafka transaction per poll).
     */
    private Behavior<Command> onApplyEvents(ApplyEvents m) {
        Effects fx = effects();
        Map<String, SessionState> touched = new java.util.LinkedHashMap<>();
        for (TaskEvent e : m.events()) {
            SessionState s = sessions.get(e.sessionId());
            if (s != null) {
                SongState song = s.song(e.songId());
                SongRecord.Status before = song == null ? null : song.record.status();
                machine.onEvent(s, e, fx, false);
                touched.put(s.id(), s);
                if (song != null && song.record.status() != before) {
                    countEnd(song.record.status(), e);
                }
            }
        }
        if (live) {
            touched.values().forEach(s -> machine.advance(s, fx));
        }
        run(fx);
        m.replyTo().tell(Done.getInstance());
        return this;
    }

    /** A song's status changed on event {@code e}: count it when it ended. */
    private void countEnd(SongRecord.Status now, TaskEvent e) {
        if (now == SongRecord.Status.COMPLETED) {
            metrics.songCompleted();
        } else if (now == SongRecord.Status.FAILED) {
            Failure.ReasonClass reason = e.failure() == null ? null : e.failure().reasonClass();
            metrics.songFailed(reason == Failure.ReasonClass.DEAD_LETTERED || reason == Failure.ReasonClass.POISON);
        }
    }

    private Behavior<Command> onGetCounts(GetCounts m) {
        m.replyTo().tell(FarmCounts.of(sessions.values()));
        return this;
    }

    private Behavior<Command> onCaughtUp(CaughtUp m) {
        live = true;
        Effects fx = effects();
        for (SessionState s : sessions.values()) {
            if (s.running()) {
                machine.advance(s, fx);
            }
        }
        run(fx);
        getContext().getLog().info("state rebuilt: {} sessions, {} running", sessions.size(),
                sessions.values().stream().filter(SessionState::running).count());
        deps.onReady().run();
        return this;
    }

    private Behavior<Command> onRetryDue(RetryDue m) {
        SessionState s = sessions.get(m.sessionId());
        if (s != null) {
            Effects fx = effects();
            machine.retryDue(s, m.songId(), m.phase(), m.attempt(), fx);
            run(fx);
        }
        return this;
    }

    private Behavior<Command> onReportWritten(ReportWritten m) {
        SessionState s = sessions.get(m.sessionId());
        if (s != null) {
            Effects fx = effects();
            machine.finished(s, m.generation(), m.problem(), fx);
            run(fx);
        }
        return this;
    }

    /** Publishes the writes and starts the timers and reports a change asked for. */
    private CompletableFuture<Void> run(Effects fx) {
        CompletableFuture<Void> written = fx.writes.isEmpty() ? CompletableFuture.completedFuture(null)
                : deps.writer().append(fx.writes.records());
        written.whenComplete((ok, error) -> {
            if (error != null) {
                getContext().getSystem().log().error("state not published: {}", error.toString());
            }
        });
        var self = getContext().getSelf();
        for (Effects.RetryLater r : fx.retries) {
            RetryDue due = new RetryDue(r.sessionId(), r.songId(), r.phase(), r.attempt());
            if (r.delay().isZero()) {
                self.tell(due);
            } else {
                timers.startSingleTimer(retryKey(r.sessionId(), r.songId()), due, r.delay());
            }
        }
        for (Effects.ReportDue r : fx.reports) {
            SessionState s = sessions.get(r.sessionId());
            deps.reports().write(AlbumReports.draft(s, deps.clock().instant())).whenComplete((problem, error) ->
                    self.tell(new ReportWritten(r.sessionId(), r.generation(),
                            error != null ? String.valueOf(error.getMessage()) : problem)));
        }
        return written;
    }

    private static void reply(CompletableFuture<Void> written, ActorRef<ControlReply> to, ControlReply reply) {
        written.whenComplete((ok, error) -> to.tell(error == null ? reply
                : new ControlReply(ControlReply.Outcome.FAILED, "the change was not stored: " + error.getMessage(),
                List.of(), reply.session())));
    }

    private static ControlReply notFound(String id) {
        return new ControlReply(ControlReply.Outcome.NOT_FOUND, "no session " + id, List.of(), null);
    }

    private static String retryKey(String sessionId, String songId) {
        return "retry:" + TaskIds.songKey(sessionId, songId);
    }

    private Effects effects() {
        return new Effects(deps.topics(), deps.taskPartitions());
    }

    private void add(SessionState s) {
        sessions.put(s.id(), s);
        byAge.put(s.position(), s);
    }

    private void restore(StoredState stored) {
        for (SessionRecord record : stored.sessions().values()) {
            SessionPlan plan;
            try {
                plan = SessionPlan.fromRecord(record);
            } catch (ContractException | IllegalArgumentException e) {
                getContext().getLog().error("session {} cannot be restored: {}", record.sessionId(), e.getMessage());
                continue;
            }
            List<SongRecord> songs = new ArrayList<>();
            for (var song : plan.songs()) {
                SongRecord r = stored.songs().get(TaskIds.songKey(plan.sessionId(), song.id()));
                if (r == null) {
                    getContext().getLog().warn("session {}: song {} has no record; it starts again",
                            plan.sessionId(), song.id());
                    r = new SongRecord(ContractMessage.SCHEMA_VERSION, plan.sessionId(), song.id(), null,
                            plan.firstPhase(), 1, null, record.updatedAt(), SongRecord.Status.WAITING, List.of(), null);
                }
                songs.add(r);
            }
            add(new SessionState(plan, record, songs));
        }
    }
}
