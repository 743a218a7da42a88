package io.mixfarm.worker.storage;

import io.mixfarm.worker.settings.S3Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

import java.time.Duration;

/** Builds the worker's S3 client from its settings. */
public final class S3Clients {

    private S3Clients() {
    }

    /**
     * An async client (Netty) with the configured endpoint, region, addressing and credentials.
     * Uploads above the multipart threshold are split into parts by the SDK; the SDK's own
     * retries (5xx, throttling) apply to every request before a failure reaches the worker.
     *
     * <p>The SDK's own checksums (a CRC trailer on every PUT, a CRC check on every GET) are only
     * computed where S3 requires them: the worker stores and checks each object's SHA-256 itself,
     * so they would be a second pass over every byte, and their aws-chunked trailers cost more on
     * both ends than the small outputs they protect.
     */
    public static S3AsyncClient create(S3Settings settings, int maxConnections) {
        S3AsyncClientBuilder builder = S3AsyncClient.builder()
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .maxConcurrency(maxConnections)
                        .connectionTimeout(Duration.ofSeconds(5))
                        // The pool is sized so that waits are short; a long one means the
                        // endpoint is unreachable, which should surface as a retriable failure.
                        .connectionAcquisitionTimeout(Duration.ofSeconds(10)))
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(credentials(settings))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .multipartEnabled(true)
                .multipartConfiguration(c -> c
                        .thresholdInBytes(settings.multipartThreshold())
                        .minimumPartSizeInBytes(Math.max(S3Settings.MIN_UPLOAD_PART, settings.partSize())));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    /**
     * A blocking client (Apache HttpClient 5) with the same endpoint, region, addressing,
     * credentials and checksum rules, for the small requests every task makes: HEAD, DELETE and
     * single-part PUT. Without the async client's futures, Netty pipeline and multipart wrapper
     * these cost markedly less CPU, which is what a farm of short songs spends its time on.
     */
    public static S3Client createBlocking(S3Settings settings, int maxConnections) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder()
                        .maxConnections(maxConnections)
                        .connectionTimeout(Duration.ofSeconds(5))
                        .connectionAcquisitionTimeout(Duration.ofSeconds(10)))
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(credentials(settings))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // A small PUT is signed whole (one SHA-256 of the body over http, none over https)
                // rather than as aws-chunked with a signature per chunk, which both ends pay for.
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        if (settings.hasStaticCredentials()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
