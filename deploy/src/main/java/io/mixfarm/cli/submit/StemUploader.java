package io.mixfarm.cli.submit;

import io.mixfarm.contract.OutputKeys;
import io.mixfarm.contract.S3Uri;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Uploads local stems to the farm's S3, addressed by content ({@link OutputKeys#stem}): a stem
 * already there (same SHA-256) is not sent again. The object carries its hash as {@code sha256}
 * metadata, which the coordinator's probe reads.
 */
public final class StemUploader {

    private final S3Client s3;
    private final String bucket;
    private final PrintStream log;
    private final Map<Path, S3Uri> done = new HashMap<>();
    private int uploaded;
    private int skipped;

    public StemUploader(S3Client s3, String bucket, PrintStream log) {
        this.s3 = s3;
        this.bucket = bucket;
        this.log = log;
    }

    /** The stem's S3 location, uploading it first unless the object exists. */
    public S3Uri upload(Path file) {
        Path key = file.toAbsolutePath().normalize();
        S3Uri known = done.get(key);
        if (known != null) {
            return known;
        }
        String sha256 = sha256(key);
        S3Uri target = OutputKeys.stem(bucket, sha256);
        if (exists(target)) {
            skipped++;
        } else {
            s3.putObject(b -> b.bucket(target.bucket()).key(target.key()).metadata(Map.of("sha256", sha256)),
                    RequestBody.fromFile(key));
            uploaded++;
            log.println("  uploaded " + file + " -> " + target);
        }
        done.put(key, target);
        return target;
    }

    public int uploaded() {
        return uploaded;
    }

    public int skipped() {
        return skipped;
    }

    private boolean exists(S3Uri uri) {
        try {
            s3.headObject(b -> b.bucket(uri.bucket()).key(uri.key()));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stem " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
