package io.mixfarm.contract;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a stem is and, when the coordinator knows them, what a worker should find there: the
 * worker checks size and checksum after download; a mismatch (a download cut short or altered) is
 * re-fetched as a retriable fault, and a task whose stem never matches is dead-lettered.
 *
 * @param stemId id of the stem in the song
 * @param uri    {@code s3://bucket/key}
 * @param bytes  expected object size, or null when unknown
 * @param sha256 expected SHA-256 of the object, 64 lowercase hex digits, or null when unknown
 */
public record StemLocation(String stemId, String uri, Long bytes, String sha256) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public StemLocation {
        Checks.text(stemId, "StemLocation.stemId");
        S3Uri.parseObject(Checks.text(uri, "StemLocation.uri"));
        if (bytes != null && bytes < 0) {
            throw new IllegalArgumentException("StemLocation.bytes is " + bytes + "; sizes are not negative");
        }
        if (sha256 != null) {
            sha256 = sha256.toLowerCase(Locale.ROOT);
            if (!SHA256.matcher(sha256).matches()) {
                throw new IllegalArgumentException("StemLocation.sha256 \"" + sha256 + "\" is not 64 hex digits");
            }
        }
    }

    /** The location parsed. */
    public S3Uri s3Uri() {
        return S3Uri.parseObject(uri);
    }
}
