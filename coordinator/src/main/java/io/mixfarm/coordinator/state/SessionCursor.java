package io.mixfarm.coordinator.state;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;

/**
 * A position in the session list, which runs newest first (ties by id): the last session of a
 * page. Opaque to clients (base64url); stable while sessions are added, because it names a place
 * in the order rather than an index.
 */
public record SessionCursor(Instant createdAt, String sessionId) {

    /** Newest first, then by id. */
    static final Comparator<SessionCursor> ORDER = Comparator.comparing(SessionCursor::createdAt).reversed()
            .thenComparing(SessionCursor::sessionId);

    public String encode() {
        String text = createdAt.getEpochSecond() + ":" + createdAt.getNano() + ":" + sessionId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back; empty when it is not one this coordinator wrote. */
    public static Optional<SessionCursor> decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":", 3);
            if (parts.length != 3 || parts[2].isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new SessionCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    parts[2]));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
