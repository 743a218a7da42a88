package io.mixfarm.embedded;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real S3 endpoint driven by the AWS SDK v2 the way the farm uses it: custom endpoint,
 * path-style addressing, static credentials, sync and async (netty) clients.
 */
class EmbeddedS3Test {

    private static final String BUCKET = "mixfarm-test";
    private static final int MIB = 1024 * 1024;

    @TempDir
    static Path dir;

    private static EmbeddedS3 s3;
    private static S3Client client;
    private static S3AsyncClient async;

    @BeforeAll
    static void start() {
        s3 = EmbeddedS3.startIn(dir.resolve("s3"), 0, "test-access", "test-secret-0123456789");
        System.out.printf("EmbeddedS3 start (filesystem): %d ms%n", s3.lastStartup().toMillis());
        client = syncClient(s3.endpoint(), s3.accessKey(), s3.secretKey());
        async = S3AsyncClient.builder()
                .endpointOverride(s3.endpoint())
                .forcePathStyle(true)
                .region(Region.of(s3.region()))
                .credentialsProvider(credentials(s3.accessKey(), s3.secretKey()))
                .multipartEnabled(true)
                .multipartConfiguration(c -> c.minimumPartSizeInBytes((long) 5 * MIB).thresholdInBytes((long) 5 * MIB))
                .build();
        client.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void stop() {
        client.close();
        async.close();
        s3.close();
    }

    @Test
    void putGetHeadListAndRangedGet() {
        byte[] data = random(100_000, 1);
        client.putObject(b -> b.bucket(BUCKET).key("stems/song-1/kick.wav").contentType("audio/wav"),
                RequestBody.fromBytes(data));
        client.putObject(b -> b.bucket(BUCKET).key("stems/song-1/bass.wav"), RequestBody.fromBytes(random(10, 2)));
        client.putObject(b -> b.bucket(BUCKET).key("stems/song-2/kick.wav"), RequestBody.fromBytes(random(10, 3)));

        assertArrayEquals(data, client.getObjectAsBytes(b -> b.bucket(BUCKET).key("stems/song-1/kick.wav")).asByteArray());

        HeadObjectResponse head = client.headObject(b -> b.bucket(BUCKET).key("stems/song-1/kick.wav"));
        assertEquals(data.length, head.contentLength());
        assertEquals("audio/wav", head.contentType());

        List<String> keys = client.listObjectsV2(b -> b.bucket(BUCKET).prefix("stems/song-1/")).contents().stream()
                .map(S3Object::key).toList();
        assertEquals(List.of("stems/song-1/bass.wav", "stems/song-1/kick.wav"), keys);

        // A header probe reads the first bytes only; the length comes back in Content-Range.
        ResponseBytes<GetObjectResponse> range = client.getObjectAsBytes(
                b -> b.bucket(BUCKET).key("stems/song-1/kick.wav").range("bytes=1000-1099"));
        assertArrayEquals(Arrays.copyOfRange(data, 1000, 1100), range.asByteArray());
        assertEquals("bytes 1000-1099/" + data.length, range.response().contentRange());

        assertThrows(NoSuchKeyException.class, () -> client.headObject(b -> b.bucket(BUCKET).key("stems/none.wav")));
    }

    @Test
    void multipartUploadWithTheSyncClient() {
        byte[] part1 = random(5 * MIB, 4);
        byte[] part2 = random(MIB + 17, 5);
        String key = "masters/album/song-1/master.wav";
        String uploadId = client.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        byte[][] bodies = {part1, part2};
        for (int i = 0; i < bodies.length; i++) {
            int number = i + 1;
            String etag = client.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(number),
                    RequestBody.fromBytes(bodies[number - 1])).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }
        client.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(uploadId)
                .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));

        byte[] back = client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
        assertEquals(part1.length + part2.length, back.length);
        assertArrayEquals(part1, Arrays.copyOfRange(back, 0, part1.length));
        assertArrayEquals(part2, Arrays.copyOfRange(back, part1.length, back.length));
    }

    @Test
    void abortedMultipartUploadLeavesNothing() {
        String key = "masters/album/song-3/master.wav";
        String uploadId = client.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        client.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(random(1000, 8)));
        client.abortMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(uploadId));

        assertTrue(client.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().isEmpty(), "no upload left open");
        assertThrows(NoSuchKeyException.class, () -> client.headObject(b -> b.bucket(BUCKET).key(key)));
    }

    @Test
    void asyncClientUploadsInPartsAndDownloadsInRanges() throws Exception {
        byte[] data = random(12 * MIB + 3, 6);
        String key = "masters/album/song-2/master.flac";
        async.putObject(b -> b.bucket(BUCKET).key(key), AsyncRequestBody.fromBytes(data)).get(60, TimeUnit.SECONDS);

        HeadObjectResponse head = async.headObject(b -> b.bucket(BUCKET).key(key)).get(30, TimeUnit.SECONDS);
        assertEquals(data.length, head.contentLength());
        assertTrue(head.eTag().endsWith("-3\""), "uploaded as 3 parts of 5 MiB: ETag " + head.eTag());
        byte[] back = new byte[data.length];
        int chunk = 4 * MIB;
        for (int from = 0; from < data.length; from += chunk) {
            int to = Math.min(from + chunk, data.length) - 1;
            String range = "bytes=" + from + "-" + to;
            byte[] got = async.getObject(b -> b.bucket(BUCKET).key(key).range(range),
                    AsyncResponseTransformer.toBytes()).get(30, TimeUnit.SECONDS).asByteArray();
            System.arraycopy(got, 0, back, from, got.length);
        }
        assertArrayEquals(data, back);
    }

    @Test
    void wrongSecretIsRefusedWith403() {
        try (S3Client wrong = syncClient(s3.endpoint(), s3.accessKey(), "not-the-secret")) {
            S3Exception e = assertThrows(S3Exception.class, () -> wrong.listObjectsV2(b -> b.bucket(BUCKET)));
            assertEquals(403, e.statusCode());
            S3Exception put = assertThrows(S3Exception.class,
                    () -> wrong.putObject(b -> b.bucket(BUCKET).key("x"), RequestBody.fromBytes(new byte[1])));
            assertEquals(403, put.statusCode());
        }
    }

    @Test
    void objectsInTheDirectorySurviveARestartOnTheSamePort() throws Exception {
        Path data = Files.createDirectories(dir.resolve("restart"));
        try (EmbeddedS3 own = new EmbeddedS3(data, 0, null, null)) {
            own.start();
            URI endpoint = own.endpoint();
            byte[] body = random(4096, 7);
            try (S3Client c = syncClient(endpoint, own.accessKey(), own.secretKey())) {
                c.createBucket(b -> b.bucket("kept"));
                c.putObject(b -> b.bucket("kept").key("a/b.bin"), RequestBody.fromBytes(body));
            }
            own.stop();
            own.start();
            System.out.printf("EmbeddedS3 restart (filesystem): %d ms%n", own.lastStartup().toMillis());
            assertEquals(endpoint, own.endpoint(), "same endpoint after a restart");
            try (S3Client c = syncClient(own.endpoint(), own.accessKey(), own.secretKey())) {
                assertArrayEquals(body, c.getObjectAsBytes(b -> b.bucket("kept").key("a/b.bin")).asByteArray());
            }
        }
    }

    @Test
    void inMemoryEndpointStartsWithGeneratedCredentials() {
        try (EmbeddedS3 mem = EmbeddedS3.startInMemory();
             S3Client c = syncClient(mem.endpoint(), mem.accessKey(), mem.secretKey())) {
            System.out.printf("EmbeddedS3 start (in memory): %d ms%n", mem.lastStartup().toMillis());
            assertTrue(mem.secretKey().length() >= 32, "generated secret is long: " + mem.secretKey().length());
            c.createBucket(b -> b.bucket("mem"));
            c.putObject(b -> b.bucket("mem").key("k"), RequestBody.fromString("hello"));
            assertEquals("hello", c.getObjectAsBytes(b -> b.bucket("mem").key("k")).asUtf8String());
        }
    }

    private static S3Client syncClient(URI endpoint, String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.of(EmbeddedS3.REGION))
                .credentialsProvider(credentials(accessKey, secretKey))
                .build();
    }

    private static StaticCredentialsProvider credentials(String accessKey, String secretKey) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }

    private static byte[] random(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }
}
