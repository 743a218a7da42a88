package io.mixfarm.coordinator.storage;

import io.mixfarm.contract.S3Uri;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The coordinator's S3 access: HEAD and ranged GETs of stems, small JSON objects (reports) in
 * and out. Blocking (the AWS sync client on a pooled Apache HTTP client); callers run it on
 * their own executor. Errors become {@link StorageException}s that say whether to retry.
 */
public final class ObjectStore implements AutoCloseable {

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final S3Client client;

    public ObjectStore(S3Client client) {
        this.client = client;
    }

    /** A store for the configured endpoint, with up to {@code maxConnections} connections. */
    public static ObjectStore create(CoordinatorSettings.S3 settings, int maxConnections) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(credentials(settings))
                .httpClientBuilder(Apache5HttpClient.builder().maxConnections(maxConnections));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return new ObjectStore(builder.build());
    }

    private static AwsCredentialsProvider credentials(CoordinatorSettings.S3 settings) {
        if (settings.accessKey().isPresent() && settings.secretKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey().get(),
                    settings.secretKey().get().reveal()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** The object's size and known checksum, or empty when there is no such object. */
    public Optional<ObjectHead> head(S3Uri uri) {
        try {
            HeadObjectResponse r = client.headObject(b -> b.bucket(uri.bucket()).key(uri.key())
                    .checksumMode(ChecksumMode.ENABLED));
            return Optional.of(new ObjectHead(r.contentLength(), sha256(r)));
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return Optional.empty();
        } catch (SdkException e) {
            if (e instanceof S3Exception s3 && s3.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure(uri, e);
        }
    }

    /** True when the bucket exists and these credentials may use it. */
    public boolean bucketExists(String bucket) {
        S3Uri uri = new S3Uri(bucket, "");
        try {
            client.headBucket(b -> b.bucket(bucket));
            return true;
        } catch (NoSuchBucketException e) {
            return false;
        } catch (SdkException e) {
            if (e instanceof S3Exception s3 && s3.statusCode() == 404) {
                return false;
            }
            throw failure(uri, e);
        }
    }

    /** Bytes {@code [from, from + length)} of the object (fewer when it ends first). */
    public byte[] getRange(S3Uri uri, long from, int length) {
        if (length <= 0) {
            return new byte[0];
        }
        String range = "bytes=" + from + "-" + (from + length - 1);
        try {
            return client.getObjectAsBytes(b -> b.bucket(uri.bucket()).key(uri.key()).range(range)).asByteArray();
        } catch (SdkException e) {
            throw failure(uri, e);
        }
    }

    /** The whole object if it exists and holds at most {@code maxBytes}. */
    public Optional<byte[]> get(S3Uri uri, long maxBytes) {
        Optional<ObjectHead> head = head(uri);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        if (head.get().size() > maxBytes) {
            throw new StorageException(uri, head.get().size() + " bytes; at most " + maxBytes + " are read", false, null);
        }
        try {
            ResponseBytes<GetObjectResponse> bytes = client.getObjectAsBytes(b -> b.bucket(uri.bucket()).key(uri.key()));
            return Optional.of(bytes.asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure(uri, e);
        }
    }

    /**
     * Deletes every object under the prefix {@code folder}, one request each (meant for a few
     * objects; plain DELETEs work on every S3 implementation); how many there were.
     */
    public int deleteAll(S3Uri folder) {
        int deleted = 0;
        try {
            for (ListObjectsV2Response page : client.listObjectsV2Paginator(b -> b.bucket(folder.bucket())
                    .prefix(folder.key()))) {
                for (S3Object object : page.contents()) {
                    client.deleteObject(b -> b.bucket(folder.bucket()).key(object.key()));
                    deleted++;
                }
            }
            return deleted;
        } catch (SdkException e) {
            throw failure(folder, e);
        }
    }

    /**
     * The keys of the "folders" right under the prefix {@code folder} (each key up to and with its
     * next '/'), listed a thousand a request; empty when there are more than {@code limit} (the
     * caller then asks about each object instead).
     */
    public Optional<Set<String>> subfolders(S3Uri folder, int limit) {
        Set<String> keys = new HashSet<>();
        try {
            for (ListObjectsV2Response page : client.listObjectsV2Paginator(b -> b.bucket(folder.bucket())
                    .prefix(folder.key()).delimiter("/"))) {
                for (CommonPrefix prefix : page.commonPrefixes()) {
                    keys.add(prefix.prefix());
                }
                if (keys.size() > limit) {
                    return Optional.empty();
                }
            }
            return Optional.of(keys);
        } catch (SdkException e) {
            throw failure(folder, e);
        }
    }

    /** Writes (or replaces) an object. */
    public void put(S3Uri uri, byte[] bytes, String contentType) {
        try {
            client.putObject(b -> b.bucket(uri.bucket()).key(uri.key()).contentType(contentType),
                    RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw failure(uri, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private static Optional<String> sha256(HeadObjectResponse r) {
        String checksum = r.checksumSHA256();
        if (checksum != null && r.checksumType() == ChecksumType.FULL_OBJECT) {
            try {
                byte[] digest = Base64.getDecoder().decode(checksum);
                if (digest.length == 32) {
                    return Optional.of(HexFormat.of().formatHex(digest));
                }
            } catch (IllegalArgumentException e) {
                // a malformed header is no checksum; the worker hashes what it downloads anyway
            }
        }
        String meta = r.metadata().get("sha256");
        if (meta != null && HEX_SHA256.matcher(meta).matches()) {
            return Optional.of(meta.toLowerCase(Locale.ROOT));
        }
        return Optional.empty();
    }

    private static StorageException failure(S3Uri uri, SdkException e) {
        if (e instanceof S3Exception s3) {
            int status = s3.statusCode();
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            String reason = status == 403 ? "access denied (HTTP 403)"
                    : "HTTP " + status + (code == null ? "" : " " + code);
            boolean retriable = status >= 500 || status == 429 || status == 408 || "SlowDown".equals(code);
            return new StorageException(uri, reason, retriable, e);
        }
        // No answer from the store (connection refused, timeout): it may be back later.
        return new StorageException(uri, "storage unavailable: " + e.getMessage(), true, e);
    }
}
