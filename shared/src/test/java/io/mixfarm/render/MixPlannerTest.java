package io.mixfarm.render;

import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.mix.MixGraph;
import io.mixfarm.manifest.ManifestLoader;
import io.mixfarm.manifest.ManifestProblem;
import io.mixfarm.manifest.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What only the stem files can tell, reported with the manifest path and the file. */
class MixPlannerTest {

    @TempDir
    Path dir;

    private Session session(String stems) throws Exception {
        Path manifest = dir.resolve("album.yaml");
        Files.writeString(manifest, """
                apiVersion: mixfarm/v1
                kind: Session
                id: album
                title: Album
                artist: Artist
                sampleRate: 48000
                output: out/
                buses: [{id: room, type: reverb}, {id: drums, type: group}]
                songs:
                  - id: song
                    title: Song
                    stems: %s
                """.formatted(stems));
        return ManifestLoader.load(Files.readString(manifest), "album.yaml");
    }

    private void stem(String name, int channels) throws Exception {
        StemFiles.write(dir.resolve(name), 48000, SampleFormat.PCM_24, StemFiles.noise(channels, 4800, 0.5, 1));
    }

    private List<String> problems(String stems) throws Exception {
        Session session = session(stems);
        RenderPlanException e = assertThrows(RenderPlanException.class, () -> MixPlanner.plan(session, 0, dir));
        return e.problems().stream().map(ManifestProblem::toString).toList();
    }

    @Test
    void aValidSongBecomesAGraphWithEveryBus() throws Exception {
        stem("stems/kick.wav", 1);
        stem("stems/pad.wav", 2);
        Session session = session("[{id: kick, uri: stems/kick.wav, bus: drums, strip: {pan: -0.2}, "
                + "sends: [{bus: room, levelDb: -12}]}, {id: pad, uri: stems/pad.wav, strip: {balance: 0.1, width: 1.5}}]");
        MixGraph graph = MixPlanner.plan(session, 0, dir);
        assertEquals(2, graph.stems().size());
        assertEquals(2, graph.buses().size());
        assertEquals(48000, graph.sampleRate());
    }

    @Test
    void panOnAStereoStem() throws Exception {
        stem("stems/pad.wav", 2);
        assertEquals(List.of("songs[0].stems[0].strip.pan: stems/pad.wav is stereo: pan is for mono stems; use balance and width"),
                problems("[{id: pad, uri: stems/pad.wav, strip: {pan: 0.5}}]"));
    }

    @Test
    void balanceOrWidthOnAMonoStem() throws Exception {
        stem("stems/kick.wav", 1);
        assertEquals(List.of("songs[0].stems[0].strip.balance: stems/kick.wav is mono: balance is for stereo stems; use pan",
                        "songs[0].stems[0].strip.width: stems/kick.wav is mono: width is for stereo stems"),
                problems("[{id: kick, uri: stems/kick.wav, strip: {balance: 0.5, width: 0.5}}]"));
    }

    @Test
    void moreThanTwoChannelsIsRefused() throws Exception {
        stem("stems/surround.wav", 6);
        assertEquals(List.of("songs[0].stems[0].uri: stems/surround.wav has 6 channels; "
                        + "stems must be mono or stereo (split or downmix it first)"),
                problems("[{id: surround, uri: stems/surround.wav}]"));
    }

    @Test
    void aFileThatIsNotAudio() throws Exception {
        Files.createDirectories(dir.resolve("stems"));
        Files.writeString(dir.resolve("stems/notes.wav"), "notes, not audio");
        assertEquals(List.of("songs[0].stems[0].uri: stems/notes.wav is not usable audio: "
                        + "not a WAV, RF64, AIFF or FLAC file (starts with 0x6e6f7465)"),
                problems("[{id: notes, uri: stems/notes.wav}]"));
    }

    @Test
    void aTruncatedHeader() throws Exception {
        Files.createDirectories(dir.resolve("stems"));
        Files.write(dir.resolve("stems/cut.wav"), new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E'});
        List<String> problems = problems("[{id: cut, uri: stems/cut.wav}]");
        assertEquals(1, problems.size());
        assertEquals(true, problems.get(0).startsWith("songs[0].stems[0].uri: stems/cut.wav is not usable audio: "),
                problems.get(0));
    }

    @Test
    void aMissingFileAndAnS3StemAreReportedTogether() throws Exception {
        stem("stems/ok.wav", 2);
        assertEquals(List.of("songs[0].stems[0].uri: file not found: stems/gone.wav",
                        "songs[0].stems[2].uri: s3://bucket/stems/bass.wav is on S3; farm render reads local files only "
                                + "(submit the session to the farm, or copy the stems next to the manifest)"),
                problems("[{id: gone, uri: stems/gone.wav}, {id: ok, uri: stems/ok.wav}, "
                        + "{id: bass, uri: 's3://bucket/stems/bass.wav'}]"));
    }

    @Test
    void theExceptionMessageListsTheSongAndEveryProblem() throws Exception {
        stem("stems/pad.wav", 2);
        Session session = session("[{id: pad, uri: stems/pad.wav, strip: {pan: 0.5}}, {id: gone, uri: stems/gone.wav}]");
        RenderPlanException e = assertThrows(RenderPlanException.class, () -> MixPlanner.plan(session, 0, dir));
        assertEquals("""
                song song cannot be rendered, 2 problems
                  songs[0].stems[0].strip.pan: stems/pad.wav is stereo: pan is for mono stems; use balance and width
                  songs[0].stems[1].uri: file not found: stems/gone.wav""", e.getMessage());
    }
}
