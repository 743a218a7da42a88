package io.mixfarm.worker.settings;

import java.net.URI;

/**
 * How the worker reaches S3.
 *
 * @param endpoint            a custom endpoint (MinIO, S3Proxy, ...); null for AWS's own
 * @param region              signing region
 * @param pathStyle           address buckets as {@code endpoint/bucket/key} instead of by host name
 * @param accessKey           static credentials; null (with {@code secretKey}) for the default chain
 * @param secretKey           never logged
 * @param partSize            size of one ranged GET of a large download, bytes
 * @param downloadConcurrency ranged GETs in flight per download
 * @param multipartThreshold  uploads larger than this go in parts, bytes
 * @param maxStemBytes        a larger object is refused from its HEAD, before any byte is fetched
 */
public record S3Settings(
        URI endpoint,
        String region,
        boolean pathStyle,
        String accessKey,
        String secretKey,
        long partSize,
        int downloadConcurrency,
        long multipartThreshold,
        long maxStemBytes) {

    /** Settings without a stem size limit of their own. */
    public S3Settings(URI endpoint, String region, boolean pathStyle, String accessKey, String secretKey,
                      long partSize, int downloadConcurrency, long multipartThreshold) {
        this(endpoint, region, pathStyle, accessKey, secretKey, partSize, downloadConcurrency, multipartThreshold,
                Long.MAX_VALUE);
    }

    /** S3's smallest part of a multipart upload (except the last one). */
    public static final long MIN_UPLOAD_PART = 5L * 1024 * 1024;

    /** Whether static credentials are configured (else the default chain applies). */
    public boolean hasStaticCredentials() {
        return accessKey != null;
    }

    /** The secret key is redacted. */
    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", pathStyle=" + pathStyle
                + ", credentials=" + (hasStaticCredentials() ? "static (redacted)" : "default chain")
                + ", partSize=" + partSize + ", downloadConcurrency=" + downloadConcurrency
                + ", multipartThreshold=" + multipartThreshold + ", maxStemBytes=" + maxStemBytes + "]";
    }
}
