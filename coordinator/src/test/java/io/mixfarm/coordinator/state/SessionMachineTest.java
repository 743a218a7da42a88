package io.mixfarm.coordinator.state;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mixfarm.contract.Completion;
import io.mixfarm.contract.ContractJson;
import io.mixfarm.contract.Failure;
import io.mixfarm.contract.Phase;
import io.mixfarm.contract.Priority;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.contract.SessionRecord;
import io.mixfarm.contract.SongAnalysis;
import io.mixfarm.contract.SongRecord;
import io.mixfarm.contract.StemLocation;
import io.mixfarm.contract.TaskEvent;
import io.mixfarm.contract.Topics;
import io.mixfarm.coordinator.planning.TestSessions;
import io.mixfarm.coordinator.planning.RetryPolicy;
import io.mixfarm.coordinator.planning.SessionPlan;
import io.mixfarm.manifest.Job;
import io.mixfarm.manifest.Session;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state machine on its own: what each event, retry, cancel and report completion does. */
class SessionMachineTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private final Topics topics = Topics.defaults();
    private final SessionMachine machine = new SessionMachine(new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofMinutes(1)),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static SessionPlan plan(int songs, boolean album) {
        Session session = TestSessions.album(songs, "{albumMode: " + album + "}");
        List<List<StemLocation>> stems = session.songs().stream()
                .map(s -> List.of(new StemLocation("x", "s3://stems/x.wav", 100L, null))).toList();
        return new SessionPlan("sess-1", session, S3Uri.parse("s3://out/a/"), stems, Priority.NORMAL);
    }

    private Effects fx() {
        return new Effects(topics);
    }

    private static List<RenderTask> tasks(Effects fx) {
        return fx.writes.records().stream().filter(r -> r.topic().equals(Topics.defaults().renderTasks()))
                .map(r -> ContractJson.read(r.value(), RenderTask.class)).toList();
    }

    private static List<SongRecord> songRecords(Effects fx) {
        return fx.writes.records().stream().map(ProducerRecord::value).map(ContractJson::readAny)
                .flatMap(java.util.Optional::stream).filter(m -> m instanceof SongRecord).map(SongRecord.class::cast).toList();
    }

    private static TaskEvent completed(RenderTask t, SongAnalysis analysis) {
        return TaskEvent.completed(t, "w", NOW, new Completion(List.of(), JsonNodeFactory.instance.objectNode(), analysis));
    }

    private static TaskEvent failed(RenderTask t, Failure.ReasonClass reason) {
        return TaskEvent.failed(t, "w", NOW, new Failure(reason, "boom"));
    }

    @Test
    void admissionPublishesTheRecordAndOneTaskPerSongInOneAppend() {
        Effects fx = fx();
        SessionState s = machine.admit(plan(3, false), fx);
        assertEquals(3, tasks(fx).size());
        assertEquals(3, songRecords(fx).size());
        assertTrue(songRecords(fx).stream().allMatch(r -> r.status() == SongRecord.Status.QUEUED));
        assertEquals(SessionRecord.State.RUNNING, s.record.state());
        assertEquals(SessionStatus.ACCEPTED, SessionStatus.of(s));
    }

    @Test
    void eventsOfAReplacedAttemptChangeNothingButItsCompletionCounts() {
        SessionState s = machine.admit(plan(1, false), fx());
        RenderTask first = s.plan.task(0, Phase.FULL, 1, null, NOW);
        Effects retry = fx();
        machine.onEvent(s, failed(first, Failure.ReasonClass.RETRIABLE), retry, true);
        assertEquals(1, retry.retries.size());
        assertEquals(2, retry.retries.get(0).attempt());
        assertEquals(Duration.ofSeconds(2), retry.retries.get(0).delay());
        assertEquals(SongStatus.RETRYING, SongStatus.of(s.songs.get(0)));

        Effects again = fx();
        machine.onEvent(s, failed(first, Failure.ReasonClass.RETRIABLE), again, true);
        assertTrue(again.retries.isEmpty(), "a duplicate failure schedules no second retry");

        Effects due = fx();
        machine.retryDue(s, "s1", Phase.FULL, 2, due);
        assertEquals(List.of("sess-1/s1/full/2"), tasks(due).stream().map(RenderTask::taskId).toList());

        Effects stale = fx();
        machine.onEvent(s, failed(first, Failure.ReasonClass.PERMANENT), stale, true);
        assertTrue(stale.writes.isEmpty(), "a failure of attempt 1 does not touch attempt 2");
        assertEquals(SongRecord.Status.QUEUED, s.songs.get(0).record.status());

        Effects late = fx();
        machine.onEvent(s, completed(first, null), late, true);
        assertEquals(SongRecord.Status.COMPLETED, s.songs.get(0).record.status(), "attempt 1's outputs are the same objects");
        assertEquals(1, late.reports.size(), "the session ends");
    }

    @Test
    void anAnalyzeJobShowsAsMeasuringOnceAWorkerTookItsTasks() {
        Session album = TestSessions.album(2, "{albumMode: true}");
        Session analyze = new Session(album.apiVersion(), album.kind(), album.id(), album.title(), album.artist(),
                album.sampleRate(), album.output(), album.mastering(), album.buses(), album.songs(), Job.ANALYZE);
        List<List<StemLocation>> stems = analyze.songs().stream()
                .map(song -> List.of(new StemLocation("x", "s3://stems/x.wav", 100L, null))).toList();
        SessionState s = machine.admit(new SessionPlan("sess-1", analyze, S3Uri.parse("s3://out/a/"), stems,
                Priority.NORMAL), fx());
        assertEquals(SessionStatus.ACCEPTED, SessionStatus.of(s));
        machine.onEvent(s, TaskEvent.started(s.plan.task(0, Phase.MEASURE, 1, null, NOW), "w", NOW), fx(), true);
        assertEquals(SessionStatus.MEASURING, SessionStatus.of(s), "not RENDERING: nothing is rendered");
    }

    @Test
    void eventsOfOtherTasksAreIgnored() {
        SessionState s = machine.admit(plan(1, false), fx());
        RenderTask t = s.plan.task(0, Phase.FULL, 1, null, NOW);
        TaskEvent foreign = new TaskEvent(1, "something/else", "sess-1", "s1", 1, "w", NOW, TaskEvent.Kind.COMPLETED, null,
                new Completion(List.of(), JsonNodeFactory.instance.objectNode(), null), null);
        Effects fx = fx();
        machine.onEvent(s, foreign, fx, true);
        machine.onEvent(s, completed(s.plan.task(0, Phase.MASTER, 1, 0.0, NOW), null), fx, true);
        assertTrue(fx.writes.isEmpty());
        assertFalse(s.workerSeen);
        machine.onEvent(s, TaskEvent.started(t, "w", NOW), fx, true);
        assertTrue(s.workerSeen);
        assertEquals(SessionStatus.RENDERING, SessionStatus.of(s));
    }

    @Test
    void anAlbumWithAFailedAnalysisFailsAndItsRetryLeadsToTheMasterPhase() {
        SessionState s = machine.admit(plan(2, true), fx());
        RenderTask a1 = s.plan.task(0, Phase.ANALYZE, 1, null, NOW);
        RenderTask a2 = s.plan.task(1, Phase.ANALYZE, 1, null, NOW);
        machine.onEvent(s, completed(a1, TestSessions.steady(-20, 50, -10)), fx(), true);
        Effects failing = fx();
        machine.onEvent(s, failed(a2, Failure.ReasonClass.PERMANENT), failing, true);
        assertEquals(1, failing.reports.size(), "nothing is left to run: the session ends");
        Effects ending = fx();
        machine.finished(s, failing.reports.get(0).generation(), null, ending);
        assertEquals(SessionRecord.State.FAILED, s.record.state());
        assertEquals(SongRecord.Status.WAITING, s.songs.get(0).record.status());

        Effects retry = fx();
        assertEquals(List.of("s2"), machine.retryFailed(s, retry));
        assertEquals(List.of("sess-1/s2/analyze/2"), tasks(retry).stream().map(RenderTask::taskId).toList());
        assertEquals(SessionRecord.State.RUNNING, s.record.state());

        Effects master = fx();
        machine.onEvent(s, completed(s.plan.task(1, Phase.ANALYZE, 2, null, NOW), TestSessions.steady(-20, 50, -10)),
                master, true);
        List<RenderTask> out = tasks(master);
        assertEquals(2, out.size());
        assertTrue(out.stream().allMatch(t -> t.phase() == Phase.MASTER && t.albumGainDb() == 6.0), out.toString());
        assertEquals(6.0, s.record.albumGainDb());
    }

    @Test
    void measurementsLostWithExpiredEventsAreTakenAgain() {
        SessionState s = machine.admit(plan(3, true), fx());
        for (int i = 0; i < 2; i++) {
            machine.onEvent(s, completed(s.plan.task(i, Phase.ANALYZE, 1, null, NOW), TestSessions.steady(-20, 50, -10)),
                    fx(), true);
        }
        machine.onEvent(s, completed(s.plan.task(2, Phase.ANALYZE, 1, null, NOW), TestSessions.steady(-20, 50, -10)),
                fx(), false);
        // As after a restart whose replay no longer holds two of the analyses:
        s.setAnalysis(s.songs.get(0), null);
        s.setAnalysis(s.songs.get(1), null);
        s.measuredGain = null;
        s.record = new SessionRecord(1, s.id(), SessionRecord.State.RUNNING, Priority.NORMAL, NOW, NOW, s.record.manifest(),
                s.record.outputPrefix(), true, null, null);
        Effects fx = fx();
        machine.advance(s, fx);
        assertEquals(List.of("sess-1/s1/analyze/1", "sess-1/s2/analyze/1"), tasks(fx).stream().map(RenderTask::taskId).toList());
        assertNull(s.record.albumGainDb());
    }

    @Test
    void anAnalysisWithoutBlocksFailsTheSong() {
        SessionState s = machine.admit(plan(1, true), fx());
        machine.onEvent(s, completed(s.plan.task(0, Phase.ANALYZE, 1, null, NOW), null), fx(), true);
        assertEquals(SongRecord.Status.FAILED, s.songs.get(0).record.status());
        assertTrue(s.songs.get(0).record.error().contains("without a readable analysis"));
    }

    @Test
    void cancelWinsOverARetryDueAndAReportInFlight() {
        SessionState s = machine.admit(plan(2, false), fx());
        machine.onEvent(s, failed(s.plan.task(0, Phase.FULL, 1, null, NOW), Failure.ReasonClass.RETRIABLE), fx(), true);
        Effects report = fx();
        machine.onEvent(s, completed(s.plan.task(1, Phase.FULL, 1, null, NOW), null), report, true);
        assertTrue(report.reports.isEmpty(), "song 1 still waits for its retry");

        Effects cancel = fx();
        assertTrue(machine.cancel(s, cancel));
        assertEquals(SongRecord.Status.CANCELLED, s.songs.get(0).record.status());
        assertEquals(SongRecord.Status.COMPLETED, s.songs.get(1).record.status(), "a completed song stays completed");
        Effects due = fx();
        machine.retryDue(s, "s1", Phase.FULL, 2, due);
        assertTrue(due.writes.isEmpty());
        machine.finished(s, s.generation, null, due);
        assertEquals(SessionRecord.State.CANCELLED, s.record.state());
        assertFalse(machine.cancel(s, fx()));
        assertNotNull(s.record.message());
    }
}
