package io.mixfarm.worker.storage;

import io.mixfarm.contract.S3Uri;
import io.mixfarm.embedded.EmbeddedS3;
import io.mixfarm.engine.error.PermanentException;
import io.mixfarm.worker.settings.S3Settings;
import io.mixfarm.worker.settings.WorkerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker refuses a stem over its s3.max-stem-bytes from the HEAD, before fetching any byte. */
class StemSizeLimitTest {

    @TempDir
    Path dir;

    @Test
    void aStemOverTheLimitFailsPermanentlyWithoutBeingDownloaded() {
        try (EmbeddedS3 s3 = EmbeddedS3.startInMemory()) {
            S3Settings settings = new S3Settings(s3.endpoint(), s3.region(), true, s3.accessKey(), s3.secretKey(),
                    1 << 20, 2, S3Settings.MIN_UPLOAD_PART, 4096);
            try (S3AsyncClient admin = S3Clients.create(settings, 2); ObjectStore store = ObjectStore.create(settings, 1)) {
                admin.createBucket(b -> b.bucket("stems")).join();
                admin.putObject(b -> b.bucket("stems").key("big.wav"), AsyncRequestBody.fromBytes(new byte[4097])).join();
                admin.putObject(b -> b.bucket("stems").key("fits.wav"), AsyncRequestBody.fromBytes(new byte[4096])).join();
                AtomicLong fetched = new AtomicLong();
                Path target = dir.resolve("big");
                PermanentException e = assertThrows(PermanentException.class, () -> store.download(
                        S3Uri.parseObject("s3://stems/big.wav"), target, null, null, fetched::set));
                assertTrue(e.getMessage().contains("s3://stems/big.wav: the object has 4097 bytes; this worker "
                        + "downloads at most 4096"), e.getMessage());
                assertEquals(0, fetched.get(), "nothing fetched");
                assertFalse(Files.exists(target), "no file made");
                assertEquals(4096, store.download(S3Uri.parseObject("s3://stems/fits.wav"), dir.resolve("fits"), null,
                        null, n -> { }).bytes());
            }
        }
    }

    @Test
    void theLimitIsASettingWithADefaultOfEightGibibytes() {
        assertEquals(8L << 30, WorkerSettings.load(Map.of("id", "w1")).s3().maxStemBytes());
        assertEquals(1L << 20, WorkerSettings.load(Map.of("id", "w1", "s3.max-stem-bytes", "1MiB")).s3().maxStemBytes());
    }
}
