package io.mixfarm.engine.codec.aiff;

import io.mixfarm.engine.codec.wav.MutationHarness;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static io.mixfarm.engine.codec.aiff.AiffBytes.chunk;
import static io.mixfarm.engine.codec.aiff.AiffBytes.comm;
import static io.mixfarm.engine.codec.aiff.AiffBytes.commC;
import static io.mixfarm.engine.codec.aiff.AiffBytes.form;
import static io.mixfarm.engine.codec.aiff.AiffBytes.ssnd;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Corrupted AIFF and AIFF-C headers: decoded fully or rejected with InvalidAudioException, nothing else. */
class AiffMutationTest {

    @Test
    void aiff16() {
        check("pcm16.aiff", form("AIFF", chunk("COMM", comm(2, 40, 16, 44_100)), chunk("NAME", new byte[3]),
                chunk("SSND", ssnd(0, new byte[160]))));
    }

    @Test
    void aiff24WithSsndOffset() {
        check("pcm24.aiff", form("AIFF", chunk("SSND", ssnd(4, new byte[150])), chunk("COMM", comm(1, 50, 24, 96_000))));
    }

    @Test
    void aifcFloat() {
        ByteBuffer samples = ByteBuffer.allocate(4 * 60);
        for (int i = 0; i < 60; i++) {
            samples.putFloat((float) Math.sin(i));
        }
        check("fl32.aifc", form("AIFC", chunk("FVER", new byte[4]), chunk("COMM", commC(2, 30, 32, 48_000, "fl32")),
                chunk("SSND", ssnd(0, samples.array()))));
    }

    @Test
    void aifcSowt() {
        check("sowt.aifc", form("AIFC", chunk("COMM", commC(2, 40, 16, 48_000, "sowt")), chunk("SSND", ssnd(0, new byte[160]))));
    }

    private static void check(String name, byte[] valid) {
        int mutants = MutationHarness.check(name, valid, AiffReader::open, name.hashCode());
        assertTrue(mutants > 1000, "mutants tried: " + mutants);
    }
}
