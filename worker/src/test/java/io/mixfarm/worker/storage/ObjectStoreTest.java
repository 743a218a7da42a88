package io.mixfarm.worker.storage;

import io.mixfarm.contract.S3Uri;
import io.mixfarm.embedded.EmbeddedS3;
import io.mixfarm.engine.error.PermanentException;
import io.mixfarm.engine.error.RetriableException;
import io.mixfarm.worker.settings.S3Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Transfers against a real S3 endpoint (S3Proxy), with small parts so that every path is taken. */
class ObjectStoreTest {

    private static final String BUCKET = "store-test";
    private static final int MIB = 1024 * 1024;

    @TempDir
    static Path dir;
    private static EmbeddedS3 s3;
    private static ObjectStore store;
    private static S3Settings settings;
    private static software.amazon.awssdk.services.s3.S3AsyncClient admin;

    @BeforeAll
    static void start() {
        s3 = EmbeddedS3.startInMemory();
        settings = new S3Settings(s3.endpoint(), s3.region(), true, s3.accessKey(), s3.secretKey(), MIB, 3,
                S3Settings.MIN_UPLOAD_PART);
        store = ObjectStore.create(settings, 2);
        admin = S3Clients.create(settings, 4);
        admin.createBucket(b -> b.bucket(BUCKET)).join();
    }

    @AfterAll
    static void stop() {
        store.close();
        admin.close();
        s3.close();
    }

    @Test
    void aLargeObjectArrivesIntactInParallelRangedParts() throws Exception {
        byte[] data = random(5 * MIB + 12_345, 1);
        S3Uri uri = put("stems/big.wav", data);
        List<Long> progress = new ArrayList<>();
        FetchedObject fetched = store.download(uri, dir.resolve("big"), (long) data.length, Sha256.of(data), progress::add);
        assertEquals(6, fetched.parts(), "5 MiB + a bit in 1 MiB parts");
        assertArrayEquals(data, Files.readAllBytes(fetched.file()));
        assertEquals(Sha256.of(data), fetched.sha256());
        assertEquals(6, progress.size());
        assertEquals(data.length, progress.get(progress.size() - 1));
    }

    @Test
    void smallAndEmptyObjectsTakeOneRequestOrNone() throws Exception {
        byte[] small = random(1000, 2);
        FetchedObject one = store.download(put("stems/small.wav", small), dir.resolve("small"), null, null, n -> { });
        assertEquals(1, one.parts());
        assertArrayEquals(small, Files.readAllBytes(one.file()));
        FetchedObject empty = store.download(put("stems/empty.wav", new byte[0]), dir.resolve("empty"), 0L,
                Sha256.of(new byte[0]), n -> { });
        assertEquals(0, Files.size(empty.file()));
    }

    @Test
    void aChecksumMismatchIsRetriableAndLeavesNoFile() {
        byte[] data = random(2 * MIB, 3);
        S3Uri uri = put("stems/altered.wav", data);
        Path target = dir.resolve("altered");
        String other = Sha256.of(random(10, 4));
        DownloadMismatchException e = assertThrows(DownloadMismatchException.class,
                () -> store.download(uri, target, (long) data.length, other, n -> { }));
        assertTrue(e.isRetriable());
        assertTrue(e.getMessage().contains(uri.toString()) && e.getMessage().contains(other), e.getMessage());
        assertFalse(Files.exists(target), "never left for rendering");
    }

    @Test
    void aSizeMismatchIsRefusedBeforeDownloading() {
        byte[] data = random(3000, 5);
        S3Uri uri = put("stems/short.wav", data);
        DownloadMismatchException e = assertThrows(DownloadMismatchException.class,
                () -> store.download(uri, dir.resolve("short"), 4000L, null, n -> { }));
        assertTrue(e.getMessage().contains("3000 bytes") && e.getMessage().contains("4000"), e.getMessage());
    }

    @Test
    void aMissingObjectIsPermanent() {
        S3Uri uri = new S3Uri(BUCKET, "stems/nowhere.wav");
        PermanentException e = assertThrows(PermanentException.class,
                () -> store.download(uri, dir.resolve("nowhere"), null, null, n -> { }));
        assertTrue(e.getMessage().contains("s3://store-test/stems/nowhere.wav") && e.getMessage().contains("does not exist"),
                e.getMessage());
    }

    @Test
    void aLargeOutputIsUploadedInPartsWithItsChecksum() throws Exception {
        byte[] data = random(12 * MIB, 6);
        Path file = Files.write(dir.resolve("master.wav"), data);
        S3Uri target = new S3Uri(BUCKET, "out/s1/song/master.wav");
        StoredObject stored = store.upload(file, target, "audio/wav");
        assertTrue(stored.eTag().replace("\"", "").matches("[0-9a-f]+-\\d+"), "multipart ETag: " + stored.eTag());
        assertEquals(Sha256.of(data), stored.sha256());
        HeadObjectResponse head = admin.headObject(b -> b.bucket(BUCKET).key(target.key())).join();
        assertEquals(data.length, head.contentLength());
        assertEquals(Sha256.of(data), head.metadata().get(ObjectStore.SHA256_METADATA));
        FetchedObject back = store.download(target, dir.resolve("back"), (long) data.length, stored.sha256(), n -> { });
        assertArrayEquals(data, Files.readAllBytes(back.file()));

        StoredObject small = store.upload(Files.write(dir.resolve("report.json"), "{}".getBytes()),
                new S3Uri(BUCKET, "out/s1/song/report.json"), "application/json");
        assertFalse(small.eTag().contains("-"), "below the threshold: one PUT, " + small.eTag());
    }

    @Test
    void smallOutputsGoUpFromMemoryOrReadOnceWithTheirChecksumAndContentType() throws Exception {
        byte[] plot = random(40_000, 9);
        S3Uri inMemory = new S3Uri(BUCKET, "out/s1/song/loudness.png");
        StoredObject stored = store.upload(plot, inMemory, "image/png");
        assertEquals(Sha256.of(plot), stored.sha256());
        assertEquals(plot.length, stored.bytes());
        HeadObjectResponse head = admin.headObject(b -> b.bucket(BUCKET).key(inMemory.key())).join();
        assertEquals("image/png", head.contentType());
        assertEquals(Sha256.of(plot), head.metadata().get(ObjectStore.SHA256_METADATA));
        assertArrayEquals(plot, Files.readAllBytes(store.download(inMemory, dir.resolve("plot-back"),
                (long) plot.length, stored.sha256(), n -> { }).file()));

        // a file under the multipart threshold is read whole and sent the same way
        byte[] master = random(MIB / 2, 10);
        S3Uri fromFile = new S3Uri(BUCKET, "out/s1/song/master.wav");
        StoredObject file = store.upload(Files.write(dir.resolve("small-master.wav"), master), fromFile, "audio/wav");
        assertEquals(Sha256.of(master), file.sha256());
        assertArrayEquals(master, Files.readAllBytes(store.download(fromFile, dir.resolve("master-back"),
                (long) master.length, file.sha256(), n -> { }).file()));
        assertEquals("audio/wav", admin.headObject(b -> b.bucket(BUCKET).key(fromFile.key())).join().contentType());
    }

    @Test
    void anIntermediateIsFetchedWhenPresentCheckedAgainstItsStoredChecksumAndDeletedIdempotently() throws Exception {
        S3Uri mix = new S3Uri(BUCKET, "out/s1/.work/song/mix-1.wav");
        assertTrue(store.downloadIfPresent(mix, dir.resolve("none")).isEmpty(), "no object: nothing, no failure");
        byte[] data = random(3 * MIB, 8);
        store.upload(Files.write(dir.resolve("mix.wav"), data), mix, "audio/wav");
        FetchedObject back = store.downloadIfPresent(mix, dir.resolve("mix-back.wav")).orElseThrow();
        assertArrayEquals(data, Files.readAllBytes(back.file()));

        // Same key, other bytes, the first upload's checksum: the download refuses it.
        admin.putObject(b -> b.bucket(BUCKET).key(mix.key()).metadata(java.util.Map.of(ObjectStore.SHA256_METADATA,
                Sha256.of(data))), AsyncRequestBody.fromBytes(random(3 * MIB, 9))).join();
        assertThrows(DownloadMismatchException.class, () -> store.downloadIfPresent(mix, dir.resolve("bad.wav")));
        assertFalse(Files.exists(dir.resolve("bad.wav")), "a refused download leaves no file");

        store.delete(mix);
        assertTrue(store.downloadIfPresent(mix, dir.resolve("gone")).isEmpty());
        store.delete(mix); // again: a redelivered MASTER deletes what is already gone
    }

    @Test
    void anUnreachableEndpointIsRetriable() {
        EmbeddedS3 stopped = EmbeddedS3.startInMemory();
        stopped.stop();
        S3Settings nowhere = new S3Settings(stopped.endpoint(), s3.region(), true,
                s3.accessKey(), s3.secretKey(), MIB, 2, S3Settings.MIN_UPLOAD_PART);
        try (ObjectStore down = ObjectStore.create(nowhere, 1)) {
            RetriableException e = assertThrows(RetriableException.class,
                    () -> down.download(new S3Uri(BUCKET, "k"), dir.resolve("k"), null, null, n -> { }));
            assertTrue(e.getMessage().contains("download s3://store-test/k"), e.getMessage());
        }
    }

    private static S3Uri put(String key, byte[] data) {
        admin.putObject(b -> b.bucket(BUCKET).key(key), AsyncRequestBody.fromBytes(data)).join();
        return new S3Uri(BUCKET, key);
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            data[i] = (byte) random.nextInt(256);
        }
        return data;
    }
}
