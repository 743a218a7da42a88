package io.mixfarm.coordinator.state;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mixfarm.contract.Completion;
import io.mixfarm.contract.Phase;
import io.mixfarm.contract.Priority;
import io.mixfarm.contract.Progress;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.contract.SessionRecord;
import io.mixfarm.contract.SongAnalysis;
import io.mixfarm.contract.SongRecord;
import io.mixfarm.contract.StemLocation;
import io.mixfarm.contract.TaskEvent;
import io.mixfarm.contract.Topics;
import io.mixfarm.coordinator.planning.RetryPolicy;
import io.mixfarm.coordinator.planning.SessionPlan;
import io.mixfarm.coordinator.planning.TestSessions;
import io.mixfarm.manifest.ManifestParser;
import io.mixfarm.manifest.Session;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session of 20,000 songs driven through the state machine from admission to its end, every
 * event applied live (the machine advances the session after each): the songs the machine looks
 * at stay linear in the songs — a few per song — however large the session, where a pass over
 * every song per event would look at 20,000 × 80,000.
 */
class LargeSessionTest {

    private static final int SONGS = 20_000;
    /**
     * Songs looked at per song of the session, at most: a handful of whole-session passes
     * (admission, album gain, album report, this test's own) and one per task published.
     */
    private static final int VISITS_PER_SONG = 16;
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final Topics TOPICS = Topics.defaults();

    private final SessionMachine machine = new SessionMachine(new RetryPolicy(3, Duration.ofSeconds(2),
            Duration.ofMinutes(1)), Clock.fixed(NOW, ZoneOffset.UTC));

    private static SessionPlan plan(boolean album) {
        // JSON rather than TestSessions' YAML: the YAML parser takes seconds over 20,000 songs.
        StringBuilder json = new StringBuilder("{\"apiVersion\": \"mixfarm/v1\", \"kind\": \"Session\", \"id\": \"a\", "
                + "\"title\": \"A\", \"artist\": \"B\", \"sampleRate\": 48000, \"output\": \"s3://out/a/\", "
                + "\"mastering\": {\"albumMode\": " + album + "}, \"songs\": [");
        for (int i = 1; i <= SONGS; i++) {
            json.append(i == 1 ? "" : ",").append("{\"id\": \"s").append(i)
                    .append("\", \"title\": \"S\", \"stems\": [{\"id\": \"x\", \"uri\": \"s3://stems/x.wav\"}]}");
        }
        Session session = ManifestParser.parse(json.append("]}").toString(), "test");
        List<List<StemLocation>> stems = session.songs().stream()
                .map(s -> List.of(new StemLocation("x", "s3://stems/x.wav", 100L, null))).toList();
        return new SessionPlan("big", session, S3Uri.parse("s3://out/a/"), stems, Priority.NORMAL);
    }

    @Test
    void aFullRenderSessionOf20000SongsTakesWorkLinearInItsSongs() {
        SessionState s = machine.admit(plan(false), new Effects(TOPICS));
        Effects last = runPhase(s, Phase.FULL, null);
        assertEquals(1, last.reports.size(), "the last completion ends the session");
        end(s, last);
        assertEquals(SessionRecord.State.COMPLETED, s.record.state());
        assertVisitsLinear(s);
    }

    @Test
    void anAlbumOf20000SongsIsAnalysedThenMasteredWithWorkLinearInItsSongs() {
        SessionState s = machine.admit(plan(true), new Effects(TOPICS));
        Effects lastAnalysis = runPhase(s, Phase.ANALYZE, TestSessions.steady(-20, 4, -10));
        assertNotNull(s.record.albumGainDb(), "the album gain once every song is analysed");
        assertEquals(SONGS, lastAnalysis.writes.records().stream()
                .filter(r -> r.topic().equals(TOPICS.renderTasks(Priority.NORMAL))).count(),
                "every MASTER task goes out with the last analysis");
        assertTrue(s.songs.stream().allMatch(song -> song.record.status() == SongRecord.Status.QUEUED
                && song.record.phase() == Phase.MASTER));
        Effects last = runPhase(s, Phase.MASTER, null);
        assertEquals(1, last.reports.size());
        end(s, last);
        assertEquals(SessionRecord.State.COMPLETED, s.record.state());
        assertVisitsLinear(s);
    }

    /** Sends every song's accepted, started, progress and completed events for its task of {@code phase}. */
    private Effects runPhase(SessionState s, Phase phase, SongAnalysis analysis) {
        Effects fx = null;
        for (SongState song : List.copyOf(s.songs)) {
            assertEquals(phase, song.record.phase());
            RenderTask task = s.plan.task(song.index, phase, 1, s.record.albumGainDb(), NOW);
            for (TaskEvent e : List.of(TaskEvent.accepted(task, "w", NOW), TaskEvent.started(task, "w", NOW),
                    TaskEvent.progress(task, "w", NOW, new Progress(Progress.Stage.MIX, 0.5)),
                    TaskEvent.completed(task, "w", NOW,
                            new Completion(List.of(), JsonNodeFactory.instance.objectNode(), analysis)))) {
                fx = new Effects(TOPICS);
                machine.onEvent(s, e, fx, true);
                assertTrue(fx.reports.isEmpty() || song.index == SONGS - 1, "the session ends with its last song");
            }
        }
        return fx;
    }

    private void end(SessionState s, Effects last) {
        AlbumReports.draft(s, NOW);
        machine.finished(s, last.reports.get(0).generation(), null, new Effects(TOPICS));
    }

    private static void assertVisitsLinear(SessionState s) {
        assertTrue(s.songsVisited() <= (long) VISITS_PER_SONG * SONGS,
                "songs looked at: " + s.songsVisited() + " for " + SONGS + " songs");
    }
}
