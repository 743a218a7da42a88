package io.mixfarm.worker.storage;

import io.mixfarm.contract.S3Uri;
import io.mixfarm.engine.error.MixfarmException;
import io.mixfarm.engine.error.PermanentException;
import io.mixfarm.worker.settings.S3Settings;
import software.amazon.awssdk.core.FileTransformerConfiguration;
import software.amazon.awssdk.core.FileTransformerConfiguration.FailureBehavior;
import software.amazon.awssdk.core.FileTransformerConfiguration.FileWriteOption;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Blocking downloads and uploads over the async S3 client, for code already running on the
 * worker's blocking dispatcher. Large objects are fetched as parallel ranged GETs written straight
 * into place in the file (no buffering in memory) and verified before anyone reads them; large
 * files are uploaded in parts. Failures come out as retriable or permanent Mixfarm exceptions.
 */
public final class ObjectStore implements AutoCloseable {

    /** User metadata key holding an uploaded object's SHA-256. */
    public static final String SHA256_METADATA = "sha256";
    /** Files smaller than this are read whole and uploaded from memory (a slot holds one at a time). */
    static final long READ_WHOLE_BELOW = 4L << 20;

    private final S3AsyncClient client;
    /** For HEAD, DELETE and single-part PUT when set (cheaper per request); else the async client does all. */
    private final S3Client blocking;
    private final long multipartThreshold;
    private final long partSize;
    private final int concurrency;
    private final long maxStemBytes;
    private final boolean ownsClient;
    private final TransferMeter meter;

    public ObjectStore(S3AsyncClient client, S3Settings settings, boolean ownsClient) {
        this(client, settings, ownsClient, TransferMeter.NONE);
    }

    /** A store that counts the bytes it reads and writes on {@code meter}. */
    public ObjectStore(S3AsyncClient client, S3Settings settings, boolean ownsClient, TransferMeter meter) {
        this(client, null, settings, ownsClient, meter);
    }

    /**
     * A store whose small requests (HEAD, DELETE, PUT below the multipart threshold) go through
     * {@code blocking} when it is not null; ranged downloads and multipart uploads through {@code client}.
     */
    public ObjectStore(S3AsyncClient client, S3Client blocking, S3Settings settings, boolean ownsClient,
                       TransferMeter meter) {
        this.client = client;
        this.blocking = blocking;
        this.multipartThreshold = settings.multipartThreshold();
        this.partSize = settings.partSize();
        this.concurrency = settings.downloadConcurrency();
        this.maxStemBytes = settings.maxStemBytes();
        this.ownsClient = ownsClient;
        this.meter = meter;
    }

    /** A store with its own client, sized for {@code slots} tasks transferring at once. */
    public static ObjectStore create(S3Settings settings, int slots) {
        return create(settings, slots, TransferMeter.NONE);
    }

    /** A store with its own client, counting its transfers on {@code meter}. */
    public static ObjectStore create(S3Settings settings, int slots, TransferMeter meter) {
        int connections = Math.max(16, slots * settings.downloadConcurrency() * 2);
        return new ObjectStore(S3Clients.create(settings, connections), S3Clients.createBlocking(settings, connections),
                settings, true, meter);
    }

    /**
     * Downloads {@code uri} into {@code target} and checks it: the size against the object's and
     * {@code expectedBytes}, the content against {@code expectedSha256} (each when given). A
     * mismatch deletes the file and throws {@link DownloadMismatchException}.
     *
     * @param progress called with the bytes fetched so far after each part; may throw
     *                 {@link CancellationException} to abandon the download
     */
    public FetchedObject download(S3Uri uri, Path target, Long expectedBytes, String expectedSha256,
                                  LongConsumer progress) {
        String action = "download " + uri;
        HeadObjectResponse head = head(uri, action);
        long size = head.contentLength();
        if (size > maxStemBytes) {
            throw new PermanentException(uri + ": the object has " + size + " bytes; this worker downloads at most "
                    + maxStemBytes + " (s3.max-stem-bytes)");
        }
        if (expectedBytes != null && size != expectedBytes) {
            throw new DownloadMismatchException(uri + ": the object has " + size + " bytes; the task declares "
                    + expectedBytes);
        }
        return fetch(uri, head, target, expectedSha256, progress);
    }

    /**
     * Downloads {@code uri} into {@code target} when the object exists, checked against the
     * SHA-256 its uploader stored ({@link #upload}); empty when there is no such object.
     */
    public Optional<FetchedObject> downloadIfPresent(S3Uri uri, Path target) {
        HeadObjectResponse head;
        try {
            head = head(uri, "download " + uri);
        } catch (MixfarmException e) {
            if (e.getCause() instanceof S3Exception s3 && s3.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(fetch(uri, head, target, head.metadata().get(SHA256_METADATA), done -> { }));
    }

    /** Deletes {@code uri}; deleting an object that is not there succeeds (S3 semantics). */
    public void delete(S3Uri uri) {
        String action = "delete " + uri;
        if (blocking != null) {
            call(() -> blocking.deleteObject(b -> b.bucket(uri.bucket()).key(uri.key())), action);
        } else {
            await(client.deleteObject(b -> b.bucket(uri.bucket()).key(uri.key())), action);
        }
    }

    private HeadObjectResponse head(S3Uri uri, String action) {
        return blocking != null
                ? call(() -> blocking.headObject(b -> b.bucket(uri.bucket()).key(uri.key())), action)
                : await(client.headObject(b -> b.bucket(uri.bucket()).key(uri.key())), action);
    }

    private FetchedObject fetch(S3Uri uri, HeadObjectResponse head, Path target, String expectedSha256,
                                LongConsumer progress) {
        long size = head.contentLength();
        int parts = size == 0 ? 0 : (int) ((size + partSize - 1) / partSize);
        try {
            createEmpty(target);
            fetchParts(uri, head.eTag(), size, parts, target, progress);
            return verify(uri, target, size, expectedSha256, Math.max(parts, 1));
        } catch (IOException e) {
            throw StorageFailures.translate("download " + uri, e);
        } catch (RuntimeException e) {
            deleteQuietly(target, e);
            throw e;
        }
    }

    /**
     * Uploads {@code file} to {@code target} (in parts above the multipart threshold), with its
     * SHA-256 as user metadata. Writing the same bytes twice leaves the same object.
     */
    public StoredObject upload(Path file, S3Uri target, String contentType) {
        String action = "upload " + target;
        try {
            long size = Files.size(file);
            if (blocking != null && size < Math.min(multipartThreshold, READ_WHOLE_BELOW)) {
                // read once, hashed and sent from memory: the SDK would open the file again
                return upload(Files.readAllBytes(file), target, contentType);
            }
            String sha = Sha256.of(file);
            PutObjectRequest request = put(target, contentType, sha);
            PutObjectResponse response = blocking != null && size < multipartThreshold
                    ? call(() -> blocking.putObject(request, RequestBody.fromFile(file)), action)
                    : await(client.putObject(request, AsyncRequestBody.fromFile(file)), action);
            meter.written(size);
            return new StoredObject(target, size, sha, response.eTag());
        } catch (IOException e) {
            throw StorageFailures.translate(action, e);
        }
    }

    /** Uploads {@code content} to {@code target} in one PUT, with its SHA-256 as user metadata. */
    public StoredObject upload(byte[] content, S3Uri target, String contentType) {
        String action = "upload " + target;
        String sha = Sha256.of(content);
        PutObjectRequest request = put(target, contentType, sha);
        PutObjectResponse response = blocking != null
                ? call(() -> blocking.putObject(request, RequestBody.fromBytes(content)), action)
                : await(client.putObject(request, AsyncRequestBody.fromBytes(content)), action);
        meter.written(content.length);
        return new StoredObject(target, content.length, sha, response.eTag());
    }

    private static PutObjectRequest put(S3Uri target, String contentType, String sha) {
        return PutObjectRequest.builder().bucket(target.bucket()).key(target.key())
                .contentType(contentType).metadata(Map.of(SHA256_METADATA, sha)).build();
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
            if (blocking != null) {
                blocking.close();
            }
        }
    }

    /** Keeps up to {@code concurrency} ranged GETs in flight; each writes its range in place. */
    private void fetchParts(S3Uri uri, String eTag, long size, int parts, Path target, LongConsumer progress) {
        Deque<Part> window = new ArrayDeque<>();
        long done = 0;
        try {
            for (int p = 0; p < parts; p++) {
                if (window.size() == concurrency) {
                    done += complete(uri, window.removeFirst());
                    progress.accept(done);
                }
                window.addLast(startPart(uri, eTag, p, size, target));
            }
            while (!window.isEmpty()) {
                done += complete(uri, window.removeFirst());
                progress.accept(done);
            }
        } finally {
            for (Part part : window) {
                part.future.cancel(true);
            }
        }
    }

    private Part startPart(S3Uri uri, String eTag, int index, long size, Path target) {
        long first = index * partSize;
        long last = Math.min(size, first + partSize) - 1;
        FileTransformerConfiguration placement = FileTransformerConfiguration.builder()
                .fileWriteOption(FileWriteOption.WRITE_TO_POSITION)
                .position(first)
                .failureBehavior(FailureBehavior.LEAVE)
                .build();
        CompletableFuture<GetObjectResponse> future = client.getObject(b -> {
            b.bucket(uri.bucket()).key(uri.key()).range("bytes=" + first + "-" + last);
            if (eTag != null) {
                b.ifMatch(eTag); // every part from the same version of the object
            }
        }, AsyncResponseTransformer.toFile(target, placement));
        return new Part(future, first, last - first + 1);
    }

    private long complete(S3Uri uri, Part part) {
        GetObjectResponse response = await(part.future,
                "download " + uri + " bytes " + part.offset + "-" + (part.offset + part.length - 1));
        if (response.contentLength() != null && response.contentLength() != part.length) {
            throw new DownloadMismatchException(uri + ": bytes " + part.offset + "-" + (part.offset + part.length - 1)
                    + " came back as " + response.contentLength() + " bytes");
        }
        meter.read(part.length);
        return part.length;
    }

    private static FetchedObject verify(S3Uri uri, Path file, long size, String expectedSha256, int parts)
            throws IOException {
        long actual = Files.size(file);
        if (actual != size) {
            throw new DownloadMismatchException(uri + ": downloaded " + actual + " bytes of " + size);
        }
        String sha = Sha256.of(file);
        if (expectedSha256 != null && !expectedSha256.equals(sha)) {
            throw new DownloadMismatchException(uri + ": downloaded content has SHA-256 " + sha
                    + "; the task declares " + expectedSha256);
        }
        return new FetchedObject(uri, file, size, sha, parts);
    }

    private static void createEmpty(Path target) throws IOException {
        try (FileChannel ignored = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            // parts are written at their positions into this file
        }
    }

    /** The future's value; a failure is translated, an interrupt cancels the request. */
    private static <T> T await(CompletableFuture<T> future, String action) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException(action + " interrupted");
        } catch (ExecutionException e) {
            throw StorageFailures.translate(action, e.getCause());
        }
    }

    /** A blocking client's answer; a failure is translated like an async one's. */
    private static <T> T call(Supplier<T> request, String action) {
        try {
            return request.get();
        } catch (SdkException | UncheckedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException(action + " interrupted");
            }
            throw StorageFailures.translate(action, e);
        }
    }

    private static void deleteQuietly(Path file, RuntimeException failure) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private record Part(CompletableFuture<GetObjectResponse> future, long offset, long length) {
    }
}
