package io.mixfarm.contract;

import io.mixfarm.engine.error.PermanentException;

/**
 * A message that cannot be read as the contract says: not JSON, a missing required field, a
 * schema version newer than this reader. Permanent: reading it again gives the same result,
 * so the consumer dead-letters it instead of retrying.
 */
public class ContractException extends PermanentException {

    public ContractException(String message) {
        super(message);
    }

    public ContractException(String message, Throwable cause) {
        super(message, cause);
    }
}
