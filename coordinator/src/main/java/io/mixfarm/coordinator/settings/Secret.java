package io.mixfarm.coordinator.settings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * A credential (API token, S3 secret key) that never shows itself: {@link #toString()} prints
 * {@code ***}, so settings can be logged whole.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The secret itself, for the one place that needs it. */
    public String reveal() {
        return value;
    }

    /**
     * Compares in time independent of where the texts differ and of the candidate's length (no
     * timing oracle for guessing): the SHA-256 digests of both, which always have 32 bytes, are
     * compared with {@link MessageDigest#isEqual}.
     */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(value), sha256(candidate));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "***";
    }
}
