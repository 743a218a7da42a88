package io.mixfarm.cli.demo;

import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the example album: three songs of synthesized stems (WAV and FLAC, one song's stems at
 * 44.1 kHz so the mixdown resamples) and a session manifest that uses EQ, compression, group
 * buses, a reverb and a delay bus, fader automation and album-mode mastering.
 */
public final class ExampleAlbum {
    /** One example song: its id, title, tempo, stem file format and stem sample rate. */
    private record Song(String id, String title, double tempo, Container container, int sampleRate) {
    }

    private static final List<Song> SONGS = List.of(
            new Song("01-opening", "Opening", 96, Container.WAV, 48_000),
            new Song("02-ballad", "Ballad", 72, Container.FLAC, 44_100),
            new Song("03-finale", "Finale", 128, Container.WAV, 48_000));

    private ExampleAlbum() {
    }

    /** Writes stems under {@code dir/stems} and returns the manifest {@code dir/album.yaml}. */
    public static Path write(Path dir, int seconds) throws IOException {
        long seed = 1;
        for (Song song : SONGS) {
            Path stems = Files.createDirectories(dir.resolve("stems").resolve(song.id()));
            for (ExampleStems.Stem stem : ExampleStems.Stem.values()) {
                writeStem(stems.resolve(stemFile(song, stem)), song, stem, seconds, seed);
            }
            seed++;
        }
        Path manifest = dir.resolve("album.yaml");
        Files.writeString(manifest, manifest());
        return manifest;
    }

    private static String stemFile(Song song, ExampleStems.Stem stem) {
        return stem.id() + (song.container() == Container.FLAC ? ".flac" : ".wav");
    }

    private static void writeStem(Path file, Song song, ExampleStems.Stem stem, int seconds, long seed)
            throws IOException {
        WriteSpec spec = new WriteSpec(song.container(), song.sampleRate(), stem.channels(), SampleFormat.PCM_24);
        ExampleStems source = new ExampleStems(stem, song.sampleRate(), song.tempo(), seed);
        double[][] block = new double[stem.channels()][4096];
        long remaining = (long) seconds * song.sampleRate();
        try (AudioWriter writer = AudioFiles.create(file, spec)) {
            while (remaining > 0) {
                int n = (int) Math.min(block[0].length, remaining);
                source.render(block, n);
                writer.write(block, n);
                remaining -= n;
            }
        }
    }

    private static String manifest() {
        StringBuilder yaml = new StringBuilder("""
                # The example album written by `farm demo`: every field is described in docs/manifest.md.
                apiVersion: mixfarm/v1
                kind: Session
                id: example-album
                title: Example Album
                artist: The Mixfarm Ensemble
                sampleRate: 48000
                output: masters/
                mastering:
                  preset: streaming
                  albumMode: true
                  deliverables:
                    - {format: wav, bitDepth: 24}
                    - {format: flac, bitDepth: 16, sampleRate: 44100}
                buses:
                  - id: drums
                    type: group
                    strip:
                      compressor: {thresholdDb: -14, ratio: 3, attackMs: 10, releaseMs: 120, makeupDb: 1}
                    sends:
                      - {bus: room, levelDb: -18}
                  - id: room
                    type: reverb
                    reverb: {decaySeconds: 1.6, preDelayMs: 18, damping: 0.5, size: 0.7}
                    strip:
                      highPass: {freqHz: 180}
                  - id: echo
                    type: delay
                    delay: {note: "1/8.", tempoBpm: 96, feedback: 0.3, highCutHz: 5000, pingPong: true}
                songs:
                """);
        int track = 1;
        for (Song song : SONGS) {
            String ext = song.container() == Container.FLAC ? ".flac" : ".wav";
            String stems = "stems/" + song.id() + "/";
            yaml.append(String.format(Locale.ROOT, """
                      - id: %s
                        title: %s
                        isrc: XX-MXF-26-%05d
                        stems:
                          - {id: kick, uri: %skick%s, bus: drums, strip: {highPass: {freqHz: 30, slope: 24}, eq: [{type: bell, freqHz: 60, gainDb: 2, q: 1}]}}
                          - {id: hat, uri: %shat%s, bus: drums, strip: {pan: 0.3, faderDb: -4}}
                          - id: bass
                            uri: %sbass%s
                            strip:
                              lowPass: {freqHz: 4000, slope: 12}
                              compressor: {thresholdDb: -20, ratio: 4, kneeDb: 6, attackMs: 15, releaseMs: 120, detection: rms}
                              faderDb: -2
                          - id: pad
                            uri: %spad%s
                            strip: {width: 1.3, faderDb: -3}
                            sends: [{bus: room, levelDb: -8}]
                          - id: lead
                            uri: %slead%s
                            strip:
                              eq: [{type: highShelf, freqHz: 6000, gainDb: 2}]
                              automation:
                                - {timeSeconds: 0, faderDb: -30}
                                - {timeSeconds: 3, faderDb: -2}
                            sends:
                              - {bus: room, levelDb: -12}
                              - {bus: echo, levelDb: -16}
                    """, song.id(), song.title(), track++, stems, ext, stems, ext, stems, ext, stems, ext, stems, ext));
        }
        return yaml.toString();
    }
}
