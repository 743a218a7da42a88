package io.mixfarm.cli.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Session views as the coordinator's API answers them, for the CLI's tests. */
public final class Views {

    private Views() {
    }

    /**
     * Three songs created at 12:00:00: one completed (60 s of audio, rendered 12:00:05-12:00:25 on
     * worker-1), one mixing (half through MIX), one queued.
     */
    public static JsonNode running() {
        return read("""
                {"sessionId": "album-abc", "title": "Night Drive", "artist": "The Band", "state": "RUNNING",
                 "priority": "NORMAL", "createdAt": "2026-01-01T12:00:00Z", "updatedAt": "2026-01-01T12:00:40Z",
                 "output": "s3://masters/night/",
                 "counts": {"total": 3, "completed": 1, "running": 1, "queued": 1},
                 "songs": [
                   {"songId": "01-intro", "trackNumber": 1, "state": "COMPLETED", "phase": "FULL", "attempt": 1,
                    "workerId": "worker-1",
                    "timings": {"startedAt": "2026-01-01T12:00:05Z", "endedAt": "2026-01-01T12:00:25Z"},
                    "outputs": [{"name": "report", "uri": "s3://masters/night/01-intro/report.json"},
                                {"name": "plot", "uri": "s3://masters/night/01-intro/loudness.png"}],
                    "report": {"durationSeconds": 60.0, "input": {"integratedLufs": -18.25},
                               "output": {"integratedLufs": -14.02, "truePeakDbtp": -1.06}}},
                   {"songId": "02-drive", "trackNumber": 2, "state": "RUNNING", "phase": "FULL", "attempt": 2,
                    "workerId": "worker-2", "progress": {"stage": "MIX", "fraction": 0.5},
                    "timings": {"startedAt": "2026-01-01T12:00:30Z"}, "outputs": []},
                   {"songId": "03-home", "trackNumber": 3, "state": "QUEUED", "phase": "FULL", "attempt": 1,
                    "timings": {}, "outputs": []}
                 ]}
                """);
    }

    /** The same session ended: every song completed. */
    public static JsonNode completed() {
        return read(running().toString()
                .replace("\"state\":\"RUNNING\",\"priority\"", "\"state\":\"COMPLETED\",\"priority\"")
                .replace("\"state\":\"RUNNING\",\"phase\"", "\"state\":\"COMPLETED\",\"phase\"")
                .replace("\"state\":\"QUEUED\"", "\"state\":\"COMPLETED\""));
    }

    static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
