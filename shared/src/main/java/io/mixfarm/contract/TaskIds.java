package io.mixfarm.contract;

import java.util.Locale;

/**
 * Identities derived from what a task is, never random: the same song, phase and attempt always
 * give the same task id, so a task published twice (a coordinator restart) is recognisably the
 * same task. Session and song ids cannot contain '/' (manifest id rules), so it separates.
 */
public final class TaskIds {

    private TaskIds() {
    }

    /** {@code <sessionId>/<songId>/<phase>/<attempt>}, e.g. {@code s1/song-01/analyze/1}. */
    public static String taskId(String sessionId, String songId, Phase phase, int attempt) {
        Checks.positive(attempt, "attempt");
        return songKey(sessionId, songId) + "/" + phase.name().toLowerCase(Locale.ROOT) + "/" + attempt;
    }

    /**
     * The Kafka key of a song's tasks and events, {@code <sessionId>/<songId>}: one song's
     * messages stay on one partition, in order.
     */
    public static String songKey(String sessionId, String songId) {
        return Checks.text(sessionId, "sessionId") + "/" + Checks.text(songId, "songId");
    }
}
