package io.mixfarm.engine.deliver;

import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.TrackMetadata;
import io.mixfarm.engine.audio.WriteSpec;
import io.mixfarm.engine.codec.wav.ExternalTools;
import io.mixfarm.engine.codec.wav.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tags written by our WAV and FLAC writers, read back by ffprobe, metaflac and our own readers. */
class TrackMetadataInteropTest {

    static final TrackMetadata TAGS = TrackMetadata.of("Nuit blanche — «été»", "Les Fermiers", "Mixfarm & Friends")
            .withIsrc("FRZ032400017")
            .withTrack(3, 11)
            .withReplayGain(new TrackMetadata.ReplayGain(-3.21, 0.891251), new TrackMetadata.ReplayGain(-2.5, 0.93))
            .withOriginated(LocalDateTime.of(2024, 5, 17, 14, 30, 5));

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = SampleFormat.class, names = {"PCM_16", "PCM_24", "FLOAT_32"})
    void wavTagsAreWhatFfprobeShowsAndSamplesStayBitExact(SampleFormat format) throws Exception {
        Path file = dir.resolve("tagged.wav");
        double[][] signal = TestAudio.exactSignal(format, 2, 10_007, 7);
        write(file, new WriteSpec(Container.WAV, 44_100, 2, format), signal);

        Map<String, String> tags = ffprobeTags(file);
        assertEquals("Nuit blanche — «été»", tags.get("title"));
        assertEquals("Les Fermiers", tags.get("artist"));
        assertEquals("Mixfarm & Friends", tags.get("album"));
        assertEquals("3", tags.get("track"));
        assertEquals("FRZ032400017", tags.get("ISRC"));
        assertEquals("2024-05-17", tags.get("date"));
        // ffmpeg reads the bext chunk too: Description as comment, Originator as encoded_by.
        assertEquals("Mixfarm", tags.get("encoded_by"));
        assertEquals("14:30:05", tags.get("creation_time"));
        assertEquals("0", tags.get("time_reference"));
        assertTrue(tags.get("comment").startsWith("ISRC=FRZ032400017\r\nTITLE=Nuit blanche ? ??t??\r\n"
                + "ARTIST=Les Fermiers\r\nALBUM=Mixfarm & Friends\r\nTRACK=3/11"), tags.get("comment"));
        assertTrue(tags.get("coding_history").startsWith("A=" + (format.isFloatingPoint() ? "PCM_FLOAT" : "PCM")
                + ",F=44100,W=" + format.bits() + ",M=stereo,T=Mixfarm"), tags.get("coding_history"));

        assertEquals("2", ExternalTools.probe(file, "channels"));
        try (AudioReader reader = AudioFiles.open(file)) {
            double[][] back = TestAudio.readAll(reader, 4096);
            for (int c = 0; c < 2; c++) {
                assertArrayEquals(signal[c], back[c], 0.0, "channel " + c);
            }
        }
    }

    @Test
    void wavChunksComeBeforeTheDataAndIxmlCarriesReplayGain() throws Exception {
        Path file = dir.resolve("order.wav");
        write(file, new WriteSpec(Container.WAV, 48_000, 2, SampleFormat.PCM_24),
                TestAudio.exactSignal(SampleFormat.PCM_24, 2, 100, 1));
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        int data = bytes.indexOf("data");
        assertTrue(bytes.indexOf("JUNK") == 12, "ds64 reservation stays right after the RIFF header");
        assertTrue(bytes.indexOf("fmt ") < bytes.indexOf("bext") && bytes.indexOf("bext") < bytes.indexOf("LIST")
                && bytes.indexOf("LIST") < bytes.indexOf("iXML") && bytes.indexOf("iXML") < data, "chunk order");
        String ixml = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        assertTrue(ixml.contains("<REPLAYGAIN_TRACK_GAIN>-3.21 dB</REPLAYGAIN_TRACK_GAIN>"));
        assertTrue(ixml.contains("<REPLAYGAIN_TRACK_PEAK>0.891251</REPLAYGAIN_TRACK_PEAK>"));
        assertTrue(ixml.contains("<REPLAYGAIN_ALBUM_GAIN>-2.50 dB</REPLAYGAIN_ALBUM_GAIN>"));
        assertTrue(ixml.contains("<ALBUM>Mixfarm &amp; Friends</ALBUM>"));
        assertTrue(ixml.contains("<TRACKTOTAL>11</TRACKTOTAL>"));
        assertTrue(ixml.contains("<TITLE>Nuit blanche — «été»</TITLE>"), "iXML is UTF-8");
    }

    @ParameterizedTest
    @EnumSource(value = SampleFormat.class, names = {"PCM_16", "PCM_24"})
    void flacVorbisCommentsAreWhatMetaflacAndFfprobeShow(SampleFormat format) throws Exception {
        Path file = dir.resolve("tagged.flac");
        double[][] signal = TestAudio.exactSignal(format, 2, 10_007, 9);
        write(file, new WriteSpec(Container.FLAC, 96_000, 2, format), signal);

        String exported = ExternalTools.run(30, "metaflac", "--export-tags-to=-", file.toString());
        assertEquals(String.join("\n",
                "TITLE=Nuit blanche — «été»",
                "ARTIST=Les Fermiers",
                "ALBUM=Mixfarm & Friends",
                "ISRC=FRZ032400017",
                "TRACKNUMBER=3",
                "TRACKTOTAL=11",
                "REPLAYGAIN_TRACK_GAIN=-3.21 dB",
                "REPLAYGAIN_TRACK_PEAK=0.891251",
                "REPLAYGAIN_ALBUM_GAIN=-2.50 dB",
                "REPLAYGAIN_ALBUM_PEAK=0.930000",
                "DATE=2024-05-17") + "\n", exported);
        String vendor = ExternalTools.run(30, "metaflac", "--show-vendor-tag", file.toString());
        assertEquals("Mixfarm", vendor.trim());
        ExternalTools.run(60, "flac", "-t", "-s", file.toString()); // MD5 and CRCs still check

        Map<String, String> tags = ffprobeTags(file);
        assertEquals("Nuit blanche — «été»", tags.get("TITLE"));
        assertEquals("3", tags.get("track"));
        assertEquals("FRZ032400017", tags.get("ISRC"));
        assertEquals("-3.21 dB", tags.get("REPLAYGAIN_TRACK_GAIN"));

        try (AudioReader reader = AudioFiles.open(file)) {
            double[][] back = TestAudio.readAll(reader, 4096);
            for (int c = 0; c < 2; c++) {
                assertArrayEquals(signal[c], back[c], 0.0, "channel " + c);
            }
        }
    }

    @Test
    void positiveGainsCarryTheirSignAndEmptyMetadataWritesNoTags() throws Exception {
        TrackMetadata.ReplayGain gain = new TrackMetadata.ReplayGain(4.0, 0.5);
        assertEquals("+4.00 dB", gain.gainText());
        assertEquals("0.500000", gain.peakText());
        TrackMetadata.ReplayGain measured = TrackMetadata.ReplayGain.of(-14.0, -1.0);
        assertEquals("-4.00 dB", measured.gainText());
        assertEquals("0.891251", measured.peakText());

        Path file = dir.resolve("plain.flac");
        try (AudioWriter w = AudioFiles.create(file, new WriteSpec(Container.FLAC, 44_100, 1, SampleFormat.PCM_16),
                TrackMetadata.NONE)) {
            w.write(new double[][] {new double[100]}, 100);
        }
        assertEquals("", ExternalTools.run(30, "metaflac", "--export-tags-to=-", file.toString()));
        Path wav = dir.resolve("plain.wav");
        try (AudioWriter w = AudioFiles.create(wav, new WriteSpec(Container.WAV, 44_100, 1, SampleFormat.PCM_16))) {
            w.write(new double[][] {new double[100]}, 100);
        }
        assertEquals(44 + 36 + 200, Files.size(wav), "untagged WAV keeps the plain layout");
    }

    @Test
    void invalidTagsAreRejectedNotRepaired() {
        assertThrows(IllegalArgumentException.class, () -> TAGS.withIsrc("FR-Z03-24-00017"));
        assertThrows(IllegalArgumentException.class, () -> TAGS.withIsrc("frz032400017"));
        assertThrows(IllegalArgumentException.class, () -> TAGS.withTrack(0, null));
        assertThrows(IllegalArgumentException.class, () -> TAGS.withTrack(5, 4));
        assertThrows(IllegalArgumentException.class, () -> TAGS.withTrack(null, 4));
        assertThrows(IllegalArgumentException.class, () -> TrackMetadata.of(" ", null, null));
        assertThrows(IllegalArgumentException.class, () -> TrackMetadata.of("a\nb", null, null));
        assertThrows(IllegalArgumentException.class, () -> new TrackMetadata.ReplayGain(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new TrackMetadata.ReplayGain(0, -0.1));
    }

    private static void write(Path file, WriteSpec spec, double[][] signal) throws IOException {
        try (AudioWriter w = AudioFiles.create(file, spec, TAGS)) {
            w.write(signal, signal[0].length);
        }
    }

    /** Format-level tags as ffprobe reports them (keys as printed, e.g. "title", "ISRC"). */
    static Map<String, String> ffprobeTags(Path file) throws Exception {
        String out = ExternalTools.run(30, "ffprobe", "-v", "error", "-show_entries", "format_tags",
                "-of", "default=noprint_wrappers=1", file.toString());
        Map<String, String> tags = new TreeMap<>();
        String key = null;
        for (String line : out.split("\n", -1)) {
            if (line.startsWith("TAG:")) {
                int eq = line.indexOf('=');
                key = line.substring(4, eq);
                tags.put(key, line.substring(eq + 1));
            } else if (key != null && !line.isEmpty()) {
                tags.put(key, tags.get(key) + "\n" + line); // a multi-line value (bext description)
            }
        }
        return tags;
    }
}
