package io.mixfarm.coordinator.probe;

import io.mixfarm.contract.S3Uri;
import io.mixfarm.coordinator.TestFarm;
import io.mixfarm.coordinator.storage.ObjectStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The probe's view of an S3 object, against the real endpoint. */
class RangedObjectChannelTest {

    private static final int SIZE = 10_000;
    private static final S3Uri URI = new S3Uri(TestFarm.STEMS, "channel/object.bin");
    private static byte[] data;
    private static ObjectStore store;

    @BeforeAll
    static void put() {
        TestFarm farm = TestFarm.get();
        data = new byte[SIZE];
        new Random(7).nextBytes(data);
        farm.put(URI.bucket(), URI.key(), data);
        store = ObjectStore.create(farm.settings(TestFarm.freshPrefix()).s3(), 2);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void readsAnywhereAcrossChunksFetchingEachChunkOnce() throws IOException {
        RangedObjectChannel channel = new RangedObjectChannel(store, URI, SIZE, 1024, SIZE);
        assertEquals(SIZE, channel.size());
        ByteBuffer middle = ByteBuffer.allocate(3000);
        channel.position(900);
        while (middle.hasRemaining() && channel.read(middle) > 0) {
            // a read may stop at a chunk's end
        }
        byte[] expected = java.util.Arrays.copyOfRange(data, 900, 3900);
        assertArrayEquals(expected, middle.array());
        assertEquals(4 * 1024, channel.fetched(), "chunks 0 to 3");
        channel.position(1000);
        channel.read(ByteBuffer.allocate(100));
        assertEquals(4 * 1024, channel.fetched(), "cached");
        channel.position(SIZE);
        assertEquals(-1, channel.read(ByteBuffer.allocate(1)));
    }

    @Test
    void aSizeLargerThanTheObjectEndsWhereTheObjectEnds() throws IOException {
        RangedObjectChannel channel = new RangedObjectChannel(store, URI, SIZE + 5000, 4096, 1 << 20);
        channel.position(SIZE - 10);
        ByteBuffer tail = ByteBuffer.allocate(100);
        int n = channel.read(tail);
        assertEquals(10, n);
        assertEquals(-1, channel.read(tail), "no bytes made up past the real end");
    }

    @Test
    void readingPastTheBudgetIsRefused() {
        RangedObjectChannel channel = new RangedObjectChannel(store, URI, SIZE, 1024, 2048);
        assertThrows(RangedObjectChannel.HeaderTooLargeException.class, () -> {
            ByteBuffer b = ByteBuffer.allocate(SIZE);
            while (channel.read(b) > 0) {
                // keep reading
            }
        });
    }
}
