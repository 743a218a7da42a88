package io.mixfarm.cli.catalogue;

import io.mixfarm.cli.submit.FarmS3;
import io.mixfarm.contract.S3Uri;
import io.mixfarm.embedded.EmbeddedS3;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The listing follows ListObjectsV2 continuation tokens and keeps only audio below the prefix (S3Proxy). */
class S3ListingTest {

    @Test
    void listsEveryAudioKeyAcrossPagesInKeyOrder() {
        try (EmbeddedS3 server = EmbeddedS3.startInMemory();
             S3Client s3 = FarmS3.client(server.endpoint(), server.region(), server.accessKey(), server.secretKey())) {
            s3.createBucket(b -> b.bucket("cat"));
            List<String> keys = List.of("p/a/01.wav", "p/a/02.flac", "p/a/cover.jpg", "p/b/01.AIFF", "p/b/c/",
                    "p/c/01.wav", "other/01.wav");
            for (String key : keys) {
                s3.putObject(b -> b.bucket("cat").key(key), RequestBody.fromString("x"));
            }
            List<String> listed = new ArrayList<>();
            new S3Listing(s3, S3Uri.parse("s3://cat/p/"), 2).forEachRemaining(t -> listed.add(t.relative()));
            assertEquals(List.of("a/01.wav", "a/02.flac", "b/01.AIFF", "c/01.wav"), listed);
        }
    }
}
