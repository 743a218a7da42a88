package io.mixfarm.worker.task;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.mixfarm.contract.Completion;
import io.mixfarm.contract.ContractMessage;
import io.mixfarm.contract.DeadLetter;
import io.mixfarm.contract.Failure;
import io.mixfarm.contract.Progress;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.TaskEvent;
import io.mixfarm.worker.intake.Delivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Renders one delivered task: runs attempts of the pipeline on the blocking dispatcher, retries
 * retriable failures after a backoff, and ends by publishing the task's final events — COMPLETED,
 * or FAILED (permanent at once; DEAD_LETTERED or POISON with a dead letter once attempts ran out).
 * When the broker has acknowledged them it tells the supervisor the task may be committed, and
 * stops. Emits ACCEPTED when created, STARTED per attempt and PROGRESS while running.
 *
 * <p>Stopping it from outside (an abandoned render) cancels the running attempt at its next
 * progress report; the task ends uncommitted and is delivered again.
 */
public final class RenderTaskActor extends AbstractBehavior<RenderTaskActor.Command> {

    /** The actor's protocol. */
    public sealed interface Command {
    }

    /** An attempt rendered and uploaded everything. */
    record AttemptSucceeded(int attempt, Completion completion) implements Command {
    }

    /** An attempt failed; {@code error} says how. */
    record AttemptFailed(int attempt, Throwable error) implements Command {
    }

    /** The backoff after a failed attempt has passed. */
    record RetryDue(int attempt) implements Command {
    }

    /** The running attempt reached a new stage or fraction. */
    record ProgressMade(Progress progress) implements Command {
    }

    /** The final events were acknowledged. */
    record FinalPublished() implements Command {
    }

    /** The final events could not be published (broker unavailable); try again after a backoff. */
    record FinalPublishFailed(Throwable error, int tries) implements Command {
    }

    /** Time to publish the final events again. */
    record RepublishDue(int tries) implements Command {
    }

    private static final Logger LOG = LoggerFactory.getLogger(RenderTaskActor.class);

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final TaskServices services;
    private final Delivery delivery;
    private final RenderTask task;
    private final ActorRef<RenderSupervisor.Command> supervisor;
    private TaskProgress progress;
    private FinalEvents finalEvents;

    private RenderTaskActor(ActorContext<Command> context, TimerScheduler<Command> timers, TaskServices services,
                            Delivery delivery, ActorRef<RenderSupervisor.Command> supervisor) {
        super(context);
        this.context = context;
        this.timers = timers;
        this.services = services;
        this.delivery = delivery;
        this.task = delivery.task();
        this.supervisor = supervisor;
    }

    /** An actor that starts rendering {@code delivery} at once and reports its end to {@code supervisor}. */
    public static Behavior<Command> create(TaskServices services, Delivery delivery,
                                           ActorRef<RenderSupervisor.Command> supervisor) {
        Behavior<Command> actor = Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            RenderTaskActor created = new RenderTaskActor(context, timers, services, delivery, supervisor);
            created.publish(TaskEvent.accepted(created.task, services.workerId(), services.clock().instant()));
            created.startAttempt(1);
            return created;
        }));
        // the actor's own log lines (context.getLog()) carry the ids too
        return Behaviors.withMdc(Command.class, TaskLogContext.of(delivery.task()), actor);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(ProgressMade.class, this::onProgressMade)
                .onMessage(AttemptSucceeded.class, this::onAttemptSucceeded)
                .onMessage(AttemptFailed.class, this::onAttemptFailed)
                .onMessage(RetryDue.class, this::onRetryDue)
                .onMessage(FinalPublished.class, this::onFinalPublished)
                .onMessage(FinalPublishFailed.class, this::onFinalPublishFailed)
                .onMessage(RepublishDue.class, this::onRepublishDue)
                .onSignal(PostStop.class, this::onPostStop)
                .build();
    }

    private void startAttempt(int attempt) {
        publish(TaskEvent.started(task, services.workerId(), services.clock().instant()));
        ActorRef<Command> self = context.getSelf();
        progress = new TaskProgress(services.clock(), services.progressInterval(), p -> self.tell(new ProgressMade(p)));
        TaskProgress attemptProgress = progress;
        services.metrics().attemptStarted(task.phase());
        CompletableFuture<Completion> run = CompletableFuture.supplyAsync(() -> {
            // the blocking dispatcher's thread: every line the render logs names its task
            try (TaskLogContext ignored = TaskLogContext.open(task)) {
                return services.pipeline().run(task, attemptProgress);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, services.blocking());
        context.pipeToSelf(run, (completion, error) -> error == null
                ? new AttemptSucceeded(attempt, completion)
                : new AttemptFailed(attempt, FailureKind.unwrap(error)));
    }

    private Behavior<Command> onProgressMade(ProgressMade message) {
        if (finalEvents == null) {
            publish(TaskEvent.progress(task, services.workerId(), services.clock().instant(), message.progress()));
        }
        return this;
    }

    private Behavior<Command> onAttemptSucceeded(AttemptSucceeded message) {
        context.getLog().info("{} completed (attempt {}, {} outputs)", task.taskId(), message.attempt(),
                message.completion().outputs().size());
        return finish(new FinalEvents(
                TaskEvent.completed(task, services.workerId(), services.clock().instant(), message.completion()),
                null));
    }

    private Behavior<Command> onAttemptFailed(AttemptFailed message) {
        Throwable error = message.error();
        String reason = FailureKind.describe(error);
        switch (FailureKind.of(error)) {
            case CANCELLED:
                return this; // abandoned: the actor is stopping
            case PERMANENT:
                services.metrics().attemptFailed(Failure.ReasonClass.PERMANENT);
                context.getLog().warn("{} failed permanently: {}", task.taskId(), reason);
                return finish(failed(Failure.ReasonClass.PERMANENT, reason, null));
            default:
                break;
        }
        boolean crash = FailureKind.of(error) == FailureKind.CRASH;
        if (message.attempt() < services.maxAttempts()) {
            var delay = services.backoff().delayAfter(message.attempt());
            services.metrics().attemptFailed(Failure.ReasonClass.RETRIABLE);
            if (crash) {
                context.getLog().error("{} attempt {} crashed; trying again in {}", task.taskId(), message.attempt(),
                        delay, error);
            } else {
                context.getLog().warn("{} attempt {} failed: {}; trying again in {}", task.taskId(), message.attempt(),
                        reason, delay);
            }
            timers.startSingleTimer(new RetryDue(message.attempt() + 1), delay);
            return this;
        }
        Failure.ReasonClass reasonClass = crash ? Failure.ReasonClass.POISON : Failure.ReasonClass.DEAD_LETTERED;
        services.metrics().attemptFailed(reasonClass);
        String summary = "gave up after " + message.attempt() + " attempts: " + reason;
        context.getLog().warn("{} dead-lettered ({}): {}", task.taskId(), reasonClass, summary);
        DeadLetter letter = new DeadLetter(ContractMessage.SCHEMA_VERSION, delivery.key(), task.taskId(),
                task.sessionId(), task.songId(), message.attempt(), services.workerId(), services.clock().instant(),
                reasonClass, summary, new String(delivery.payload(), StandardCharsets.UTF_8));
        return finish(failed(reasonClass, summary, letter));
    }

    private Behavior<Command> onRetryDue(RetryDue message) {
        startAttempt(message.attempt());
        return this;
    }

    private FinalEvents failed(Failure.ReasonClass reasonClass, String reason, DeadLetter letter) {
        return new FinalEvents(TaskEvent.failed(task, services.workerId(), services.clock().instant(),
                new Failure(reasonClass, reason)), letter);
    }

    private Behavior<Command> finish(FinalEvents events) {
        finalEvents = events;
        publishFinal(1);
        return this;
    }

    /** Dead letter first (if any), then the event: the event is what lets the song end. */
    private void publishFinal(int tries) {
        CompletableFuture<?> acked = finalEvents.deadLetter() == null
                ? services.events().publish(finalEvents.event())
                : services.events().publish(finalEvents.deadLetter())
                        .thenCompose(ignored -> services.events().publish(finalEvents.event()));
        context.pipeToSelf(acked, (ok, error) -> error == null
                ? new FinalPublished() : new FinalPublishFailed(FailureKind.unwrap(error), tries));
    }

    private Behavior<Command> onFinalPublished(FinalPublished message) {
        if (finalEvents.deadLetter() != null) {
            services.metrics().deadLettered();
        }
        supervisor.tell(new RenderSupervisor.TaskEnded(delivery, true));
        return Behaviors.stopped();
    }

    private Behavior<Command> onFinalPublishFailed(FinalPublishFailed message) {
        var delay = services.backoff().delayAfter(Math.min(message.tries(), 30));
        context.getLog().warn("{}: cannot publish its {} event ({}); trying again in {}", task.taskId(),
                finalEvents.event().kind(), message.error().getMessage(), delay);
        timers.startSingleTimer(new RepublishDue(message.tries() + 1), delay);
        return this;
    }

    private Behavior<Command> onRepublishDue(RepublishDue message) {
        publishFinal(message.tries());
        return this;
    }

    private Behavior<Command> onPostStop(PostStop signal) {
        if (progress != null) {
            progress.cancel();
        }
        return this;
    }

    /** Fire and forget: these events are informative; only the final one gates the commit. */
    private void publish(TaskEvent event) {
        services.events().publish(event).whenComplete((ok, error) -> {
            if (error != null) {
                // the producer's callback thread: no actor context here
                LOG.warn("{}: {} event not published: {}", event.taskId(), event.kind(), error.getMessage());
            }
        });
    }

    /** The events that end the task, kept to publish again unchanged if the broker is away. */
    private record FinalEvents(TaskEvent event, DeadLetter deadLetter) {
    }
}
