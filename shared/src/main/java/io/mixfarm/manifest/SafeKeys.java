package io.mixfarm.manifest;

import java.text.Normalizer;
import java.util.Optional;

/**
 * Refuses S3 keys that mean one thing to the farm's prefix checks and another to a store, a
 * proxy or a file system: {@code .} and {@code ..} segments (also written with look-alike
 * Unicode dots such as U+FF0E or U+2025, which NFKC-normalize to them), empty segments
 * ({@code a//b}, a leading '/'), backslashes and characters that normalize to a slash or
 * backslash (U+FF0F, U+FE68), percent-encoding (a store or gateway might decode
 * {@code %2e%2e%2f}), '?' (read as a query, e.g. {@code ?versionId=}, by URL-minded code) and
 * control characters. '#' is allowed: catalogue file names use it ("Song #1.flac"), the S3 client
 * encodes it, and a "fragment" cannot climb out of a prefix because segments are checked anyway. A key that passes has exactly the segments it shows, so "starts with an allowed
 * prefix" is a sound test.
 */
public final class SafeKeys {

    private SafeKeys() {
    }

    /** Why {@code key} is unsafe, or empty when it is safe; an empty key (a bucket) is safe. */
    public static Optional<String> problem(String key) {
        if (key.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isISOControl(c)) {
                return Optional.of("the key contains a control character (U+" + String.format("%04X", (int) c) + ")");
            }
            if (c == '\\') {
                return Optional.of("the key contains '\\'; separate key segments with '/'");
            }
            if (c == '%') {
                return Optional.of("the key contains '%'; write characters as they are, not percent-encoded");
            }
            if (c == '?') {
                return Optional.of("the key contains '?' (a URL query); S3 URIs here are plain keys");
            }
        }
        String body = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        for (String segment : body.split("/", -1)) {
            Optional<String> problem = segmentProblem(segment);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> segmentProblem(String segment) {
        if (segment.isEmpty()) {
            return Optional.of("the key has an empty segment ('//' or a leading '/')");
        }
        String normalized = Normalizer.normalize(segment, Normalizer.Form.NFKC);
        if (normalized.equals(".") || normalized.equals("..")) {
            return Optional.of("the key has a '" + segment + "' segment" + (segment.equals(normalized) ? ""
                    : " (it reads as '" + normalized + "')") + "; give the location without relative segments");
        }
        if (normalized.indexOf('/') >= 0 || normalized.indexOf('\\') >= 0) {
            return Optional.of("the key segment '" + segment + "' contains a character that reads as a slash");
        }
        return Optional.empty();
    }
}
