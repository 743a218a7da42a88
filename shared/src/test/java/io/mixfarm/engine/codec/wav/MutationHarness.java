package io.mixfarm.engine.codec.wav;

import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioLimits;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.InvalidAudioException;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Feeds a reader many corrupted variants of a valid file. Each must either decode fully (finite
 * samples, as many frames as the header promised, no more than the file can hold) or fail with
 * {@link InvalidAudioException}; any other exception, a hang, or a large allocation fails the test.
 */
public final class MutationHarness {
    /** Bytes from the start that get mutated one at a time. */
    private static final int HEADER_BYTES = 120;
    /** More than a reader's bounded buffers need, far less than a buffer sized from a lying header. */
    private static final long MAX_ALLOCATION_PER_MUTANT = 16L << 20;
    private static final int BLOCK = 256;

    /** Opens a reader over a channel, like {@code WavReader::open}. */
    public interface Opener {
        AudioReader open(SeekableByteChannel channel, String source) throws IOException;
    }

    /** A corrupted file and how it was made, for failure messages. */
    private record Mutant(String how, byte[] bytes) {
    }

    private MutationHarness() {
    }

    /** Checks every mutant of {@code valid}; returns how many there were. */
    public static int check(String name, byte[] valid, Opener opener, long seed) {
        List<Mutant> mutants = mutants(valid, seed);
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            for (Mutant mutant : mutants) {
                long before = threads.getCurrentThreadAllocatedBytes();
                checkOne(name, mutant, opener);
                long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                assertTrue(allocated < MAX_ALLOCATION_PER_MUTANT,
                        () -> name + " " + mutant.how() + ": allocated " + allocated + " bytes");
            }
        }, () -> name + ": mutants did not finish in time (a hang?)");
        return mutants.size();
    }

    private static void checkOne(String name, Mutant mutant, Opener opener) {
        String source = name + " " + mutant.how();
        try (AudioReader reader = opener.open(new ByteArrayChannel(mutant.bytes()), source)) {
            AudioInfo info = reader.info();
            assertTrue(info.channels() >= 1 && info.channels() <= AudioLimits.MAX_CHANNELS, source);
            assertTrue(info.sampleRate() >= AudioLimits.MIN_SAMPLE_RATE
                    && info.sampleRate() <= AudioLimits.MAX_SAMPLE_RATE, source);
            assertTrue(info.frames() * info.channels() * info.format().bytes() <= mutant.bytes().length,
                    () -> source + ": header promises more samples than the file holds: " + info);
            double[][] block = new double[info.channels()][BLOCK];
            long frames = 0;
            for (int n; (n = reader.read(block, BLOCK)) > 0; frames += n) {
                for (double[] channel : block) {
                    for (int i = 0; i < n; i++) {
                        assertTrue(Double.isFinite(channel[i]) && Math.abs(channel[i]) < 1e300, source);
                    }
                }
            }
            long read = frames;
            assertTrue(read == info.frames(), () -> source + ": read " + read + " frames, header said " + info.frames());
        } catch (InvalidAudioException e) {
            assertTrue(e.getMessage().startsWith(source + ": "), e.getMessage());
        } catch (Throwable e) {
            if (e instanceof AssertionError) {
                throw (AssertionError) e;
            }
            fail(source + ": " + e.getClass().getName() + " instead of InvalidAudioException", e);
        }
    }

    private static List<Mutant> mutants(byte[] valid, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Mutant> mutants = new ArrayList<>();
        int header = Math.min(HEADER_BYTES, valid.length);
        for (int at = 0; at < header; at++) {
            int original = valid[at];
            int[] values = {0x00, 0xFF, original + 1, original - 1,
                    random.nextInt(256), random.nextInt(256), random.nextInt(256)};
            for (int value : values) {
                byte[] bytes = valid.clone();
                bytes[at] = (byte) value;
                mutants.add(new Mutant(String.format("byte %d=0x%02X", at, value & 0xFF), bytes));
            }
        }
        for (int length = 0; length < valid.length; length += length < 2 * HEADER_BYTES ? 1 : 7) {
            mutants.add(new Mutant("truncated to " + length, Arrays.copyOf(valid, length)));
        }
        // Size fields sit at even offsets (chunks are padded); try huge values in both byte orders.
        for (int at = 4; at + 8 <= header; at += 2) {
            for (long value : new long[] {0xFFFFFFFFL, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFF0L, 0x10000L}) {
                for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                    byte[] bytes = valid.clone();
                    ByteBuffer.wrap(bytes).order(order).putInt(at, (int) value);
                    mutants.add(new Mutant(String.format("int %d=0x%X %s", at, value, order), bytes));
                }
            }
            for (long value : new long[] {Long.MAX_VALUE, 1L << 40, -1L}) {
                byte[] bytes = valid.clone();
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(at, value);
                mutants.add(new Mutant(String.format("long %d=0x%X", at, value), bytes));
            }
        }
        return mutants;
    }
}
