package io.mixfarm.engine.codec.wav;

import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static io.mixfarm.engine.codec.wav.WavBytes.chunk;
import static io.mixfarm.engine.codec.wav.WavBytes.fmtPcm;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Corrupted WAV and RF64 headers: decoded fully or rejected with InvalidAudioException, nothing else. */
class WavMutationTest {

    @Test
    void pcm16() throws IOException {
        check("pcm16.wav", written(SampleFormat.PCM_16, 2));
    }

    @Test
    void pcm24Extensible() throws IOException {
        check("pcm24.wav", written(SampleFormat.PCM_24, 2));
    }

    @Test
    void float32WithFactChunk() throws IOException {
        check("float.wav", written(SampleFormat.FLOAT_32, 1));
    }

    @Test
    void multichannelExtensible() throws IOException {
        check("six.wav", written(SampleFormat.PCM_16, 6));
    }

    @Test
    void rf64WithMetadata() {
        byte[] samples = new byte[4 * 60];
        check("rf64.wav", WavBytes.rf64(samples.length, 60, chunk("fmt ", fmtPcm(2, 48_000, 16)),
                chunk("bext", new byte[13]), chunk("data", 0xFFFFFFFFL, samples)));
    }

    @Test
    void unsignedEightBitWithList() {
        check("u8.wav", WavBytes.riff(chunk("LIST", new byte[9]), chunk("fmt ", fmtPcm(1, 8_000, 8)),
                chunk("data", new byte[101])));
    }

    private static void check(String name, byte[] valid) {
        int mutants = MutationHarness.check(name, valid, WavReader::open, name.hashCode());
        assertTrue(mutants > 1000, "mutants tried: " + mutants);
    }

    private static byte[] written(SampleFormat format, int channels) throws IOException {
        ByteArrayChannel channel = new ByteArrayChannel();
        double[][] signal = TestAudio.exactSignal(format, channels, 50, 3);
        try (AudioWriter writer = WavWriter.create(channel, "m.wav", new WriteSpec(Container.WAV, 44_100, channels, format))) {
            writer.write(signal, 50);
        }
        return channel.toByteArray();
    }
}
