package io.mixfarm.worker;

import io.mixfarm.contract.Phase;
import io.mixfarm.contract.Priority;
import io.mixfarm.contract.RenderTask;
import io.mixfarm.contract.SongSpec;
import io.mixfarm.contract.StemLocation;
import io.mixfarm.manifest.Deliverable;
import io.mixfarm.manifest.Mastering;
import io.mixfarm.manifest.Session;
import io.mixfarm.manifest.Song;
import io.mixfarm.manifest.Stem;

import java.time.Instant;
import java.util.List;

/** Render tasks as the coordinator would publish them, for songs whose stems are already in S3. */
final class Songs {

    static final int RATE = 48_000;
    static final double TARGET_LUFS = -16.0;
    static final Deliverable WAV_24 = new Deliverable(Deliverable.Format.WAV, 24, null, null);
    static final Deliverable FLAC_16_44K = new Deliverable(Deliverable.Format.FLAC, 16, 44_100, null);

    private Songs() {
    }

    /** Uploads a bass (mono) and a keys (stereo) stem of {@code seconds} and returns the song's task. */
    static RenderTask upload(Farm farm, String session, String songId, double seconds, int seed) {
        byte[] bass = StemAudio.wav(farm.dir, seconds, RATE, 1, 110 + seed, 0.3, seed);
        byte[] keys = StemAudio.wav(farm.dir, seconds, RATE, 2, 440 + seed, 0.2, seed + 1000);
        StemLocation s1 = farm.putStem("bass", "stems/" + session + "/" + songId + "/bass.wav", bass);
        StemLocation s2 = farm.putStem("keys", "stems/" + session + "/" + songId + "/keys.wav", keys);
        return task(session, songId, output(session), List.of(s1, s2));
    }

    static String output(String session) {
        return "s3://" + Farm.BUCKET + "/out/" + session;
    }

    /** A FULL task of one song (a one-song album) with a WAV and a FLAC deliverable. */
    static RenderTask task(String sessionId, String songId, String outputPrefix, List<StemLocation> stems) {
        List<Stem> manifestStems = stems.stream().map(s -> new Stem(s.stemId(), s.uri(), null, null, null)).toList();
        Song song = new Song(songId, "Song " + songId, null, null, manifestStems);
        Mastering album = new Mastering(Mastering.Preset.CUSTOM, TARGET_LUFS, -1.0, null, null, null, null, null,
                null, null, List.of(WAV_24, FLAC_16_44K));
        Session session = new Session(Session.API_VERSION, Session.KIND, sessionId, "Test Album", "Test Artist", RATE,
                outputPrefix, album, List.of(), List.of(song));
        SongSpec spec = SongSpec.of(session, song, outputPrefix);
        return RenderTask.of(sessionId, 1, Phase.FULL, Priority.NORMAL, Instant.parse("2026-01-01T00:00:00Z"), spec,
                stems, null);
    }
}
