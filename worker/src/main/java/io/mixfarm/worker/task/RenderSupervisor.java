package io.mixfarm.worker.task;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.mixfarm.worker.intake.Delivery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The render slots: one {@link RenderTaskActor} per task handed over by the intake (which never
 * hands over more than there are slots), watched, so the intake hears about every task's end —
 * committable when the actor finished normally, not when it stopped any other way.
 *
 * <p>On {@link Drain} (shutdown) it takes no new tasks, waits for the running ones up to the
 * deadline, then stops the rest (abandoned: they stay uncommitted and are delivered again), and
 * replies with how many of each.
 */
public final class RenderSupervisor extends AbstractBehavior<RenderSupervisor.Command> {

    /** The supervisor's protocol. */
    public sealed interface Command {
    }

    /** Render this task in a free slot. */
    public record Assign(Delivery delivery) implements Command {
    }

    /** A task actor finished; with {@code commit} its offset may be committed. */
    record TaskEnded(Delivery delivery, boolean commit) implements Command {
    }

    /** A task actor stopped (after TaskEnded, or abandoned, or crashed). */
    record TaskStopped(Delivery delivery) implements Command {
    }

    /** Finish what runs within {@code deadline}, abandon the rest, then reply. */
    public record Drain(Duration deadline, ActorRef<Drained> replyTo) implements Command {
    }

    /** The drain deadline passed. */
    record DrainDeadlinePassed() implements Command {
    }

    /** The reply to {@link Drain}. */
    public record Drained(int finished, int abandoned) {
    }

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final TaskServices services;
    private final TaskEndListener listener;
    private final Map<Delivery, ActorRef<RenderTaskActor.Command>> running = new HashMap<>();
    private ActorRef<Drained> drainReplyTo;
    private int finishedWhileDraining;
    private int abandoned;

    private RenderSupervisor(ActorContext<Command> context, TimerScheduler<Command> timers, TaskServices services,
                             TaskEndListener listener) {
        super(context);
        this.context = context;
        this.timers = timers;
        this.services = services;
        this.listener = listener;
    }

    public static Behavior<Command> create(TaskServices services, TaskEndListener listener) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new RenderSupervisor(context, timers, services, listener)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Assign.class, this::onAssign)
                .onMessage(TaskEnded.class, this::onTaskEnded)
                .onMessage(TaskStopped.class, this::onTaskStopped)
                .onMessage(Drain.class, this::onDrain)
                .onMessage(DrainDeadlinePassed.class, this::onDrainDeadlinePassed)
                .build();
    }

    private Behavior<Command> onAssign(Assign message) {
        Delivery delivery = message.delivery();
        if (draining()) {
            listener.ended(delivery, false); // raced with the drain: leave it for redelivery
            return this;
        }
        ActorRef<RenderTaskActor.Command> task = context.spawn(
                RenderTaskActor.create(services, delivery, context.getSelf()), actorName(delivery));
        context.watchWith(task, new TaskStopped(delivery));
        running.put(delivery, task);
        services.metrics().slotsBusy(running.size());
        return this;
    }

    private Behavior<Command> onTaskEnded(TaskEnded message) {
        if (running.remove(message.delivery()) != null) {
            services.metrics().slotsBusy(running.size());
            listener.ended(message.delivery(), message.commit());
            if (draining()) {
                finishedWhileDraining++;
            }
        }
        return replyIfDrained();
    }

    private Behavior<Command> onTaskStopped(TaskStopped message) {
        if (running.remove(message.delivery()) != null) {
            services.metrics().slotsBusy(running.size());
            if (draining()) {
                abandoned++;
            } else {
                context.getLog().error("{} stopped without finishing; it stays uncommitted", message.delivery());
            }
            listener.ended(message.delivery(), false);
        }
        return replyIfDrained();
    }

    private Behavior<Command> onDrain(Drain message) {
        drainReplyTo = message.replyTo();
        context.getLog().info("draining: {} task(s) running, deadline {}", running.size(), message.deadline());
        if (!running.isEmpty()) {
            timers.startSingleTimer(new DrainDeadlinePassed(), message.deadline());
        }
        return replyIfDrained();
    }

    private Behavior<Command> onDrainDeadlinePassed(DrainDeadlinePassed message) {
        context.getLog().warn("drain deadline passed; abandoning {} task(s) for redelivery", running.size());
        running.values().forEach(context::stop);
        return this;
    }

    private Behavior<Command> replyIfDrained() {
        if (draining() && running.isEmpty()) {
            timers.cancelAll();
            drainReplyTo.tell(new Drained(finishedWhileDraining, abandoned));
        }
        return this;
    }

    private boolean draining() {
        return drainReplyTo != null;
    }

    private static String actorName(Delivery delivery) {
        String name = "task-" + delivery.partition() + "-" + delivery.offset() + "-" + delivery.epoch();
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }
}
