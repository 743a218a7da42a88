package io.mixfarm.cli;

import io.mixfarm.cli.submit.FarmS3;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;

/** The options that reach the farm's S3, shared by the commands that read or write it. */
public final class S3Options {

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "The farm's S3 endpoint (path-style); none: AWS's own for the region.")
    URI endpoint;

    @Option(names = "--s3-region", defaultValue = "us-east-1", description = "S3 region (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--s3-access-key", paramLabel = "KEY", defaultValue = "${env:MIXFARM_S3_ACCESS_KEY}",
            description = "S3 access key (default: MIXFARM_S3_ACCESS_KEY); none: the AWS default credentials chain.")
    String accessKey;

    @Option(names = "--s3-secret-key", paramLabel = "SECRET", defaultValue = "${env:MIXFARM_S3_SECRET_KEY}",
            description = "S3 secret key (default: MIXFARM_S3_SECRET_KEY).")
    String secretKey;

    /** A client of the farm's S3 with these options. */
    public S3Client client() {
        return FarmS3.client(endpoint, region, accessKey, secretKey);
    }
}
