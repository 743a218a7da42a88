package io.mixfarm.engine.codec.wav;

import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.TrackMetadata;
import io.mixfarm.engine.audio.WriteSpec;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The metadata chunks sit between fmt and data in both the RIFF and the RF64 form of the header. */
class WavMetadataHeaderTest {

    private static final WriteSpec SPEC = new WriteSpec(Container.WAV, 48_000, 2, SampleFormat.FLOAT_32);
    private static final TrackMetadata TAGS = TrackMetadata.of("Title", "Artist", "Album").withIsrc("GBAYE0000351")
            .withTrack(1, 2);

    @Test
    void rf64SwitchKeepsTheMetadataInPlace() throws Exception {
        byte[] chunks = WavMetadataChunks.build(TAGS, SPEC);
        assertEquals(0, chunks.length % 2, "chunks are padded to even length");
        WavHeader header = new WavHeader(SPEC, chunks);
        long frames = 600_000_000L; // 4.8 GB of stereo float
        long dataBytes = frames * 8;
        byte[] riff = header.build(0, 0, 0);
        byte[] rf64 = header.build(dataBytes, frames, 0);
        assertEquals(riff.length, rf64.length, "same header length, so the data never moves");

        ByteBuffer b = ByteBuffer.wrap(rf64).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RF64", new String(rf64, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("ds64", new String(rf64, 12, 4, StandardCharsets.US_ASCII));
        assertEquals(dataBytes, b.getLong(28));
        assertEquals(frames, b.getLong(36));
        int metadataAt = header.length() - 8 - chunks.length;
        assertArrayEquals(chunks, Arrays.copyOfRange(rf64, metadataAt, metadataAt + chunks.length));
        assertEquals("bext", new String(rf64, metadataAt, 4, StandardCharsets.US_ASCII));

        // A reader sees an RF64 file with every frame (the channel claims the full size).
        try (AudioReader reader = WavReader.open(new ByteArrayChannel(rf64, rf64.length + dataBytes), "big.wav")) {
            assertEquals(Container.RF64, reader.info().container());
            assertEquals(frames, reader.info().frames());
        }
    }

    @Test
    void bextDescriptionIsCutAtItsFieldSize() {
        String longTitle = "x".repeat(300);
        String description = WavMetadataChunks.description(TrackMetadata.of(longTitle, null, null));
        assertEquals(256, description.length());
        assertTrue(description.startsWith("TITLE=xxx"));
        assertEquals("1/2", WavMetadataChunks.trackText(TAGS));
    }
}
