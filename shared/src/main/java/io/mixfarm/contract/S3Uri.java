package io.mixfarm.contract;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * An S3 location, {@code s3://bucket/key}. The key may be empty (a bucket) or end in '/' (a
 * prefix) when parsed with {@link #parse}; {@link #parseObject} requires an object key.
 * Parse errors say what is wrong with which part.
 */
public record S3Uri(String bucket, String key) {

    public static final String SCHEME = "s3://";
    /** S3's limit on a key, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1024;

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    public S3Uri {
        checkBucket(bucket);
        checkKey(key);
    }

    /** A bucket, prefix or object location. */
    public static S3Uri parse(String uri) {
        if (uri == null || !uri.startsWith(SCHEME)) {
            throw new IllegalArgumentException("\"" + uri + "\" is not an s3:// URI (expected s3://bucket/key)");
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        try {
            return new S3Uri(bucket, key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + uri + "\": " + e.getMessage(), e);
        }
    }

    /** An object location: the key is not empty and does not end in '/'. */
    public static S3Uri parseObject(String uri) {
        S3Uri parsed = parse(uri);
        if (!parsed.isObject()) {
            throw new IllegalArgumentException("\"" + uri + "\" names no object (expected s3://bucket/key)");
        }
        return parsed;
    }

    /** True when the key names an object rather than a bucket or prefix. */
    public boolean isObject() {
        return !key.isEmpty() && !key.endsWith("/");
    }

    /**
     * This location with {@code path} appended as key segments, one '/' between them: a
     * prefix {@code s3://b/out} or {@code s3://b/out/} resolves {@code song/x.wav} to
     * {@code s3://b/out/song/x.wav}.
     */
    public S3Uri resolve(String path) {
        if (path.isEmpty() || path.startsWith("/")) {
            throw new IllegalArgumentException("cannot resolve \"" + path + "\": give a relative key path");
        }
        if (key.isEmpty()) {
            return new S3Uri(bucket, path);
        }
        return new S3Uri(bucket, key.endsWith("/") ? key + path : key + "/" + path);
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }

    private static void checkBucket(String bucket) {
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("the bucket name is empty");
        }
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..") || IP_ADDRESS.matcher(bucket).matches()) {
            throw new IllegalArgumentException("\"" + bucket + "\" is not a valid S3 bucket name "
                    + "(3 to 63 lowercase letters, digits, '.' or '-', starting and ending with a letter or digit)");
        }
    }

    private static void checkKey(String key) {
        if (key == null) {
            throw new IllegalArgumentException("the key is null (use \"\" for a bucket)");
        }
        if (key.startsWith("/")) {
            throw new IllegalArgumentException("the key \"" + key + "\" starts with '/'");
        }
        if (CONTROL.matcher(key).find()) {
            throw new IllegalArgumentException("the key contains control characters");
        }
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("the key is " + bytes + " bytes long; S3 allows " + MAX_KEY_BYTES);
        }
    }
}
