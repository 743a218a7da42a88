package io.mixfarm.engine.codec.flac;

import io.mixfarm.engine.audio.AudioReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.mixfarm.engine.codec.flac.FlacTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Metadata the reader must step over: ID3v2 in front, and every kind of block after STREAMINFO. */
class FlacReaderMetadataTest {

    @TempDir
    Path dir;

    private int[][] pcm;
    private Path wav;

    @BeforeEach
    void source() throws Exception {
        pcm = music(2, 44_100, 16, 44_100, 123); // 75 CD sectors, so a cue sheet fits
        wav = writeWav(dir.resolve("in.wav"), pcm, 16, 44_100);
    }

    private void assertDecodes(byte[] file, String what) throws Exception {
        Path path = Files.write(dir.resolve("meta.flac"), file);
        try (AudioReader reader = FlacReader.open(open(path), "meta.flac")) {
            assertEquals(pcm[0].length, reader.info().frames(), what);
            assertSamples(pcm, 16, readAll(reader, 4096), what);
        }
    }

    @Test
    void everyStandardBlockKind() throws Exception {
        Path cue = Files.writeString(dir.resolve("cue.txt"),
                "FILE \"in.wav\" WAVE\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n");
        Path flac = flacEncode(wav, dir.resolve("a.flac"), "-5", "-T", "ARTIST=Someone", "-S", "1s",
                "--padding=1048576", // larger than the read buffer: skipped by seeking
                "--picture=3|-->|cover|320x240x24/0|http://example.com/cover.png");
        run(List.of("metaflac", "--import-cuesheet-from=" + cue, flac.toString()));
        byte[] file = bytes(flac);
        file = FlacFiles.insertBlock(file, 2, "mfrmapplication data".getBytes()); // APPLICATION
        file = FlacFiles.insertBlock(file, 10, new byte[300]);                     // reserved type
        assertTrue(file.length > 1_048_576, "the padding block is there");
        assertDecodes(file, "all block kinds");
    }

    @Test
    void id3v2TagsBeforeTheMarker() throws Exception {
        byte[] flac = bytes(flacEncode(wav, dir.resolve("b.flac"), "-5"));
        byte[] tag = id3(4, 0, 300);
        assertDecodes(FlacFiles.concat(tag, flac), "ID3v2.4 tag");
        byte[] withFooter = FlacFiles.concat(id3(4, 0x10, 200), new byte[10]);
        System.arraycopy("3DI".getBytes(), 0, withFooter, withFooter.length - 10, 3); // the footer
        assertDecodes(FlacFiles.concat(withFooter, FlacFiles.concat(id3(3, 0, 50), flac)), "two tags, one with footer");
    }

    /** An ID3v2 tag of {@code size} zero bytes (syncsafe size field), without a footer's bytes. */
    private static byte[] id3(int version, int flags, int size) {
        byte[] tag = new byte[10 + size];
        tag[0] = 'I';
        tag[1] = 'D';
        tag[2] = '3';
        tag[3] = (byte) version;
        tag[5] = (byte) flags;
        tag[6] = (byte) ((size >> 21) & 0x7F);
        tag[7] = (byte) ((size >> 14) & 0x7F);
        tag[8] = (byte) ((size >> 7) & 0x7F);
        tag[9] = (byte) (size & 0x7F);
        return tag;
    }
}
