package io.mixfarm.cli.submit;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.net.URI;

/** Builds the CLI's S3 clients: path-style when an endpoint is given (S3Proxy, MinIO), AWS otherwise. */
public final class FarmS3 {

    private FarmS3() {
    }

    /**
     * A client of {@code endpoint} (null: AWS's own for the region) with static credentials, or the
     * AWS default chain when {@code accessKey} is null or empty.
     */
    public static S3Client client(URI endpoint, String region, String accessKey, String secretKey) {
        AwsCredentialsProvider credentials = accessKey == null || accessKey.isEmpty()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder())
                .region(Region.of(region))
                .credentialsProvider(credentials);
        if (endpoint != null) {
            builder.endpointOverride(endpoint).forcePathStyle(true);
        }
        return builder.build();
    }
}
