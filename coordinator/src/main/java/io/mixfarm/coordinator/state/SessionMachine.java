package io.mixfarm.coordinator.state;

import io.mixfarm.contract.AlbumLoudness;
import io.mixfarm.contract.BlockEnergies;
import io.mixfarm.contract.ContractMessage;
import io.mixfarm.contract.DoneMarker;
import io.mixfarm.contract.Failure;
import io.mixfarm.contract.Phase;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.SessionRecord;
import io.mixfarm.contract.SongAnalysis;
import io.mixfarm.contract.SongRecord;
import io.mixfarm.contract.TaskEvent;
import io.mixfarm.contract.TaskIds;
import io.mixfarm.coordinator.planning.AlbumGain;
import io.mixfarm.coordinator.planning.RetryPolicy;
import io.mixfarm.coordinator.planning.SessionPlan;
import io.mixfarm.engine.loudness.GatingBlocks;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The session state machine: how admission, task events, retries, cancels and the album report
 * move sessions and songs on. Works on the actor's {@link SessionState}s and says what to
 * publish in {@link Effects}; owns no threads and no I/O.
 *
 * <p>Sessions: RUNNING (shown as ACCEPTED, ANALYZING or RENDERING) until every song has ended,
 * then the album report is written and the session is COMPLETED (every song completed) or
 * FAILED; CANCELLED by a user at any time before. Songs: QUEUED with a task out, WAITING for a
 * phase that cannot start yet (MASTER before the album gain), COMPLETED, FAILED or CANCELLED.
 *
 * <p>Events are applied only when they belong to the task a song's record names (its phase, an
 * attempt not newer than the record's) while the song is QUEUED; anything else is a duplicate or
 * stale and changes nothing, so a song is recorded COMPLETED once however often its completion
 * arrives, and re-reading the events topic after a restart re-applies nothing already recorded.
 */
final class SessionMachine {

    private static final BlockEnergies NO_BLOCKS = new BlockEnergies(GatingBlocks.Window.SHORT_TERM_3_S, 0, "");

    private final RetryPolicy retry;
    private final Clock clock;

    SessionMachine(RetryPolicy retry, Clock clock) {
        this.retry = retry;
        this.clock = clock;
    }

    /**
     * A new session: its record, the first phase's task for every song, and the songs found
     * unchanged ({@link SessionPlan#unchanged()}) recorded COMPLETED with their marker's outputs.
     * When every song is unchanged the session ends at once, keeping the album report of the
     * render that made the outputs (the album is the same).
     */
    SessionState admit(SessionPlan plan, Effects fx) {
        Instant now = clock.instant();
        Double albumGain = plan.albumMode() && !plan.unchanged().isEmpty()
                ? plan.unchanged().values().iterator().next().albumGainDb() : null;
        SessionRecord record = new SessionRecord(ContractMessage.SCHEMA_VERSION, plan.sessionId(),
                SessionRecord.State.RUNNING, plan.priority(), now, now, plan.manifestJson(), plan.output().toString(),
                plan.albumMode(), albumGain, null);
        List<SongRecord> songs = new ArrayList<>();
        for (int i = 0; i < plan.songs().size(); i++) {
            String id = plan.songs().get(i).id();
            DoneMarker marker = plan.unchanged().get(i);
            songs.add(marker == null ? waiting(plan.sessionId(), id, plan.firstPhase(), 1, now)
                    : new SongRecord(ContractMessage.SCHEMA_VERSION, plan.sessionId(), id, null, plan.finalPhase(), 1,
                            null, now, SongRecord.Status.COMPLETED, marker.completion().outputs(), null, true));
        }
        SessionState s = new SessionState(plan, record, songs);
        fx.writes.session(record);
        for (SongState song : s.songs) {
            DoneMarker marker = plan.unchanged().get(song.index);
            if (marker == null) {
                dispatch(s, song, plan.firstPhase(), 1, fx);
            } else {
                fx.writes.song(song.record);
                song.keepReport(marker.completion().report());
                song.outputAnalysis = held(marker.completion().analysis());
                song.endedAt = now;
            }
        }
        if (plan.unchanged().size() == s.songs.size()) {
            s.finishing = true;
            finished(s, s.generation, null, fx);
        } else if (!plan.unchanged().isEmpty()) {
            advance(s, fx);
        }
        return s;
    }

    /** Applies one task event; {@code live} is false while the events topic is being re-read at start. */
    void onEvent(SessionState s, TaskEvent e, Effects fx, boolean live) {
        SongState song = s.song(e.songId());
        if (song == null || !s.running()) {
            return;
        }
        Phase phase = phaseOf(e, song.record);
        if (phase == null || !s.plan.runs(phase)) {
            return; // not a task of this session
        }
        s.workerSeen = true;
        if (e.kind() == TaskEvent.Kind.COMPLETED) {
            remember(s, song, phase, e);
        }
        SongRecord r = song.record;
        if (r.status() != SongRecord.Status.QUEUED || phase != r.phase() || e.attempt() > r.attempt()) {
            return;
        }
        if (e.kind() != TaskEvent.Kind.COMPLETED && e.attempt() != r.attempt()) {
            return; // news of an attempt already replaced
        }
        switch (e.kind()) {
            case ACCEPTED -> {
                song.workerId = e.workerId();
                song.acceptedAt = e.at();
            }
            case STARTED -> {
                song.workerId = e.workerId();
                song.startedAt = e.at();
            }
            case PROGRESS -> {
                song.workerId = e.workerId();
                song.progress = e.progress();
            }
            case COMPLETED -> completed(s, song, phase, e, fx);
            case FAILED -> failed(s, song, phase, e, fx);
            default -> {
                return; // a kind from a newer worker
            }
        }
        if (live) {
            advance(s, fx);
        }
    }

    /**
     * Keeps what a completion says even when it changes no state: measurements for the album
     * gain, and the report of a song already recorded COMPLETED (re-read after a restart).
     */
    private static void remember(SessionState s, SongState song, Phase phase, TaskEvent e) {
        if (readable(e.completion().analysis())) {
            if (phase == Phase.ANALYZE) {
                s.setAnalysis(song, e.completion().analysis());
            } else {
                song.outputAnalysis = held(e.completion().analysis());
            }
        }
        SongRecord r = song.record;
        if (r.status() == SongRecord.Status.COMPLETED && phase == r.phase() && !song.hasReport()) {
            song.keepReport(e.completion().report());
            song.workerId = e.workerId();
            song.endedAt = e.at();
        }
    }

    private void completed(SessionState s, SongState song, Phase phase, TaskEvent e, Effects fx) {
        song.workerId = e.workerId();
        song.endedAt = e.at();
        song.progress = null;
        song.retryScheduled = false;
        if (phase == Phase.ANALYZE) {
            if (song.analysis == null) {
                fail(s, song, "the worker completed ANALYZE without a readable analysis (attempt " + e.attempt() + ")", fx);
                return;
            }
            update(s, song, waiting(s.id(), song.id(), Phase.MASTER, 1, clock.instant()), fx);
            return;
        }
        song.keepReport(e.completion().report());
        update(s, song, new SongRecord(ContractMessage.SCHEMA_VERSION, s.id(), song.id(), song.record.taskId(),
                phase, song.record.attempt(), song.record.dispatchedAt(), clock.instant(), SongRecord.Status.COMPLETED,
                e.completion().outputs(), null), fx);
    }

    private void failed(SessionState s, SongState song, Phase phase, TaskEvent e, Effects fx) {
        Failure f = e.failure();
        song.endedAt = e.at();
        song.progress = null;
        if (f.reasonClass() == Failure.ReasonClass.RETRIABLE && retry.mayRetry(e.attempt())) {
            if (!song.retryScheduled) {
                song.retryScheduled = true;
                song.lastFailure = f.message();
                int next = e.attempt() + 1;
                fx.retries.add(new Effects.RetryLater(s.id(), song.id(), phase, next, retry.delayBefore(next)));
            }
            return;
        }
        String why = switch (f.reasonClass()) {
            case RETRIABLE -> "attempts ran out";
            case DEAD_LETTERED -> "dead-lettered after " + e.attempt() + " attempts";
            case POISON -> "the task cannot be processed";
            default -> f.reasonClass().name().toLowerCase(java.util.Locale.ROOT);
        };
        fail(s, song, phase + " attempt " + e.attempt() + " failed (" + why + "): " + f.message(), fx);
    }

    /** A scheduled retry fell due: publish it unless the song moved on meanwhile. */
    void retryDue(SessionState s, String songId, Phase phase, int attempt, Effects fx) {
        SongState song = s.song(songId);
        if (song == null || !s.running() || !song.retryScheduled) {
            return;
        }
        SongRecord r = song.record;
        if (r.status() == SongRecord.Status.QUEUED && r.phase() == phase && r.attempt() == attempt - 1) {
            dispatch(s, song, phase, attempt, fx);
        }
    }

    /**
     * Does what the session's state makes due: the album gain and MASTER tasks once every song
     * is analysed, tasks for songs waiting on a phase that may start, and the end of the session
     * once no song has a task out. Idempotent.
     */
    void advance(SessionState s, Effects fx) {
        if (!s.running() || s.finishing) {
            return;
        }
        if (s.plan.albumMode() && s.record.albumGainDb() == null && s.allWaitingForMaster()) {
            if (s.allAnalysed()) {
                setAlbumGain(s, fx);
            } else {
                // The measurements were not re-read (events expired): measure those songs again.
                for (SongState song : s.songs) {
                    if (song.analysis == null) {
                        dispatch(s, song, Phase.ANALYZE, 1, fx);
                    }
                }
            }
        }
        // Each dispatch takes the song out of WAITING, so this ends after the songs that were due.
        for (SongState song = s.firstDue(s.record.albumGainDb() != null); song != null;
             song = s.firstDue(s.record.albumGainDb() != null)) {
            dispatch(s, song, song.record.phase(), song.record.attempt(), fx);
        }
        if (s.count(SongRecord.Status.QUEUED) == 0) {
            s.finishing = true;
            s.generation++;
            fx.reports.add(new Effects.ReportDue(s.id(), s.generation));
        }
    }

    private void setAlbumGain(SessionState s, Effects fx) {
        AlbumGain gain = albumGain(s);
        updateSession(s, s.record.state(), gain.gainDb(), s.record.message(), fx);
    }

    /** The album gain from the songs' analyses (computed once); null unless every song has one. */
    static AlbumGain albumGain(SessionState s) {
        if (s.measuredGain == null) {
            s.measuredGain = !s.allAnalysed() ? null
                    : AlbumGain.compute(s.plan.session(), s.songs.stream().map(song -> song.analysis).toList());
        }
        return s.measuredGain;
    }

    /**
     * The album's predicted loudness after mastering at the album gain, for the album ReplayGain
     * tags (computed once); null while an analysis is missing (e.g. expired after a restart).
     */
    private static AlbumLoudness masteredLoudness(SessionState s) {
        if (s.masteredLoudness == null && s.record.albumGainDb() != null && albumGain(s) != null) {
            try {
                s.masteredLoudness = AlbumGain.masteredLoudness(s.plan.session(),
                        s.songs.stream().map(song -> song.analysis).toList(), s.record.albumGainDb());
            } catch (RuntimeException e) {
                return null; // tags without album values rather than no master
            }
        }
        return s.masteredLoudness;
    }

    /** The album report is written (or could not be): the session ends. */
    void finished(SessionState s, int generation, String reportProblem, Effects fx) {
        if (!s.finishing || generation != s.generation) {
            return;
        }
        s.finishing = false;
        int failed = s.songs.size() - s.count(SongRecord.Status.COMPLETED);
        String message = failed == 0 ? null : failed + " of " + s.songs.size() + " songs did not complete";
        if (reportProblem != null) {
            message = (message == null ? "" : message + "; ") + "album report not written: " + reportProblem;
        }
        updateSession(s, failed == 0 ? SessionRecord.State.COMPLETED : SessionRecord.State.FAILED,
                s.record.albumGainDb(), message, fx);
    }

    /** Cancels a running session; false when it has already ended. */
    boolean cancel(SessionState s, Effects fx) {
        if (!s.running()) {
            return false;
        }
        s.finishing = false;
        s.generation++;
        for (SongState song : s.songs) {
            SongRecord r = song.record;
            if (r.status() == SongRecord.Status.QUEUED || r.status() == SongRecord.Status.WAITING) {
                song.retryScheduled = false;
                song.progress = null;
                update(s, song, withStatus(r, SongRecord.Status.CANCELLED, null), fx);
            }
        }
        updateSession(s, SessionRecord.State.CANCELLED, s.record.albumGainDb(), "cancelled by a user", fx);
        return true;
    }

    /**
     * Publishes one more attempt of every failed song; the ids of those songs (empty when none
     * failed, or the session was cancelled or is still finishing).
     */
    List<String> retryFailed(SessionState s, Effects fx) {
        if (s.record.state() == SessionRecord.State.CANCELLED || s.record.state() == SessionRecord.State.COMPLETED
                || s.finishing) {
            return List.of();
        }
        List<String> retried = new ArrayList<>();
        if (s.count(SongRecord.Status.FAILED) == 0) {
            return retried;
        }
        for (SongState song : s.songs) {
            SongRecord r = song.record;
            if (r.status() == SongRecord.Status.FAILED) {
                dispatch(s, song, r.phase(), r.attempt() + 1, fx);
                retried.add(song.id());
            }
        }
        if (!retried.isEmpty()) {
            s.generation++;
            updateSession(s, SessionRecord.State.RUNNING, s.record.albumGainDb(), null, fx);
            advance(s, fx);
        }
        return retried;
    }

    private void dispatch(SessionState s, SongState song, Phase phase, int attempt, Effects fx) {
        Instant now = clock.instant();
        Double gain = phase == Phase.MASTER ? s.record.albumGainDb() : null;
        AlbumLoudness loudness = phase == Phase.MASTER ? masteredLoudness(s) : null;
        RenderTask task = s.plan.task(song.index, phase, attempt, gain, loudness, now);
        fx.writes.task(task, song.index);
        song.clearRun();
        if (phase == Phase.ANALYZE) {
            s.setAnalysis(song, null);
            s.measuredGain = null;
            s.masteredLoudness = null;
        }
        update(s, song, new SongRecord(ContractMessage.SCHEMA_VERSION, s.id(), song.id(), task.taskId(), phase,
                attempt, now, now, SongRecord.Status.QUEUED, List.of(), null), fx);
    }

    private void fail(SessionState s, SongState song, String error, Effects fx) {
        song.retryScheduled = false;
        update(s, song, withStatus(song.record, SongRecord.Status.FAILED, error), fx);
    }

    private SongRecord withStatus(SongRecord r, SongRecord.Status status, String error) {
        return new SongRecord(r.v(), r.sessionId(), r.songId(), r.taskId(), r.phase(), r.attempt(), r.dispatchedAt(),
                clock.instant(), status, r.outputs(), error);
    }

    private static SongRecord waiting(String sessionId, String songId, Phase phase, int attempt, Instant now) {
        return new SongRecord(ContractMessage.SCHEMA_VERSION, sessionId, songId, null, phase, attempt, null, now,
                SongRecord.Status.WAITING, List.of(), null);
    }

    private static void update(SessionState s, SongState song, SongRecord record, Effects fx) {
        s.setRecord(song, record);
        fx.writes.song(record);
    }

    private void updateSession(SessionState s, SessionRecord.State state, Double gain, String message, Effects fx) {
        SessionRecord r = s.record;
        s.record = new SessionRecord(r.v(), r.sessionId(), state, r.priority(), r.createdAt(), clock.instant(),
                r.manifest(), r.outputPrefix(), r.albumMode(), gain, message);
        fx.writes.session(s.record);
    }

    /**
     * A master's measurements as a song holds them until the album report: without the
     * short-term energies, which nothing reads from a master's (minutes of audio make tens of kB
     * a song).
     */
    private static SongAnalysis held(SongAnalysis a) {
        return a == null ? null : new SongAnalysis(a.integratedLufs(), a.loudnessRangeLu(), a.truePeakDbtp(), a.gating(),
                NO_BLOCKS, a.limiterLoss(), a.samplePeakDbfs());
    }

    /** True when the analysis has 400 ms gating blocks that decode (a worker's bad payload must not stop the album). */
    private static boolean readable(SongAnalysis analysis) {
        if (analysis == null || analysis.gating().window() != GatingBlocks.Window.GATING_400_MS) {
            return false;
        }
        try {
            analysis.gating().toGatingBlocks();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The phase of the event's task, from its id; null when the id is not one of this song's.
     * Most events are about the task the song's record names, which is checked first without
     * building ids.
     */
    static Phase phaseOf(TaskEvent e, SongRecord current) {
        if (current.taskId() != null && e.attempt() == current.attempt() && current.taskId().equals(e.taskId())
                && current.sessionId().equals(e.sessionId()) && current.songId().equals(e.songId())) {
            return current.phase();
        }
        return phaseOf(e);
    }

    /** The phase of the event's task, from its id; null when the id is not one of this song's. */
    static Phase phaseOf(TaskEvent e) {
        for (Phase phase : Phase.values()) {
            if (TaskIds.taskId(e.sessionId(), e.songId(), phase, e.attempt()).equals(e.taskId())) {
                return phase;
            }
        }
        return null;
    }
}
