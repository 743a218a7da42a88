package io.mixfarm.contract;

import java.time.Instant;

/**
 * A task given up on, on the dead-letter topic under the key it arrived with. Carries the
 * original payload as received, so even a message that is not valid JSON can be inspected
 * and re-published by an operator.
 *
 * @param key             the Kafka key of the original message (normally {@code <sessionId>/<songId>})
 * @param taskId          the task's id, or null when the payload could not be read
 * @param sessionId       or null when the payload could not be read
 * @param songId          or null when the payload could not be read
 * @param attempts        attempts made before giving up
 * @param reasonClass     POISON (unreadable) or DEAD_LETTERED (attempts ran out)
 * @param message         the last failure's message
 * @param originalPayload the original message value, as UTF-8 text
 */
public record DeadLetter(
        int v,
        String key,
        String taskId,
        String sessionId,
        String songId,
        int attempts,
        String workerId,
        Instant at,
        Failure.ReasonClass reasonClass,
        String message,
        String originalPayload) implements ContractMessage {

    public DeadLetter {
        Checks.version(v, "DeadLetter");
        if (attempts < 0) {
            throw new IllegalArgumentException("DeadLetter.attempts is " + attempts);
        }
        Checks.text(workerId, "DeadLetter.workerId");
        Checks.required(at, "DeadLetter.at");
        Checks.required(reasonClass, "DeadLetter.reasonClass");
        Checks.text(message, "DeadLetter.message");
        Checks.required(originalPayload, "DeadLetter.originalPayload");
    }
}
