package io.mixfarm.embedded;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * A real S3 endpoint running in this JVM (S3Proxy) on 127.0.0.1, with AWS signature V4
 * authentication. Objects live in a directory (kept across restarts) or in memory.
 *
 * <p>Clients address it path-style ({@code http://127.0.0.1:<port>/<bucket>/<key>}): with the
 * AWS SDK v2, {@code endpointOverride(endpoint())}, {@code forcePathStyle(true)}, static
 * credentials {@link #accessKey()}/{@link #secretKey()} and region {@link #region()}.
 */
public final class EmbeddedS3 implements AutoCloseable {

    /** The region clients sign for; S3Proxy accepts any, one fixed name keeps configs simple. */
    public static final String REGION = "us-east-1";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path dataDir;
    private final String accessKey;
    private final String secretKey;
    private final int requestedPort;
    private BlobStore store;
    private S3Proxy proxy;
    private int port;
    private Duration lastStartup = Duration.ZERO;

    /**
     * An endpoint that is not started yet.
     *
     * @param dataDir   directory holding one sub-directory per bucket; null keeps objects in
     *                  memory (lost on stop)
     * @param port      0 picks a free port; a stopped endpoint restarts on the port it had
     * @param accessKey null generates one
     * @param secretKey null generates one
     */
    public EmbeddedS3(Path dataDir, int port, String accessKey, String secretKey) {
        this.dataDir = dataDir == null ? null : Dirs.created(dataDir);
        this.requestedPort = port == 0 ? 0 : FreePorts.checkRange(port);
        this.accessKey = accessKey != null ? accessKey : "mixfarm-" + randomHex(6);
        this.secretKey = secretKey != null ? secretKey : randomHex(20);
    }

    /** Starts an in-memory endpoint on a free port with generated credentials. */
    public static EmbeddedS3 startInMemory() {
        EmbeddedS3 s3 = new EmbeddedS3(null, 0, null, null);
        s3.start();
        return s3;
    }

    /** Starts an endpoint whose buckets are directories under {@code dataDir}. */
    public static EmbeddedS3 startIn(Path dataDir, int port, String accessKey, String secretKey) {
        EmbeddedS3 s3 = new EmbeddedS3(dataDir, port, accessKey, secretKey);
        s3.start();
        return s3;
    }

    /** Starts serving and returns once the endpoint accepts connections. No-op when running. */
    public synchronized void start() {
        if (proxy != null) {
            return;
        }
        long began = System.nanoTime();
        if (store == null || dataDir != null) {
            // In memory, the store outlives a stop so a restart keeps the objects (like a dir).
            store = dataDir == null ? new TransientNio2BlobStore() : new FilesystemNio2BlobStore(dataDir.toString());
        }
        int bindPort = port != 0 ? port : requestedPort;
        S3Proxy started = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + bindPort))
                .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
                // SDK releases newer than S3Proxy add informational headers (such as
                // x-amz-mp-object-size on CompleteMultipartUpload) that it would refuse with 501.
                .ignoreUnknownHeaders(true)
                .build();
        try {
            started.start();
            awaitStarted(started);
        } catch (Exception e) {
            stopQuietly(started);
            throw new IllegalStateException("S3 endpoint on port " + bindPort + " did not start: " + e.getMessage(), e);
        }
        proxy = started;
        port = started.getPort();
        lastStartup = Duration.ofNanos(System.nanoTime() - began);
    }

    /** Stops serving; objects in the data directory (or memory) are kept for a restart. */
    public synchronized void stop() {
        if (proxy == null) {
            return;
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3 endpoint on port " + port + " did not stop cleanly", e);
        } finally {
            proxy = null;
        }
    }

    @Override
    public synchronized void close() {
        stop();
        store = null;
    }

    public synchronized boolean isRunning() {
        return proxy != null;
    }

    /** {@code http://127.0.0.1:<port>}; valid once started. */
    public synchronized URI endpoint() {
        if (port == 0) {
            throw new IllegalStateException("the S3 endpoint has not been started");
        }
        return URI.create("http://127.0.0.1:" + port);
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public String region() {
        return REGION;
    }

    /** The directory holding the buckets, or null when objects are kept in memory. */
    public Path dataDir() {
        return dataDir;
    }

    /** How long the last {@link #start()} took. */
    public synchronized Duration lastStartup() {
        return lastStartup;
    }

    private static void awaitStarted(S3Proxy proxy) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("still " + proxy.getState() + " after " + START_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(2);
        }
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception suppressed) {
            // Already failing to start; the start error is the one worth reporting.
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
