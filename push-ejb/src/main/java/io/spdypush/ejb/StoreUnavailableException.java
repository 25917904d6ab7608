package io.spdypush.ejb;

import jakarta.ejb.ApplicationException;

/**
 * The database of the stored messages cannot take an at-least-once message now (down, unreachable, its
 * pool exhausted): nothing was stored or sent, and the sender may try again. An application exception,
 * so that the containers neither log it as a system failure nor wrap it; the REST API answers 503.
 */
@ApplicationException(rollback = true)
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(Throwable cause) {
        super("The message store is unavailable, nothing was stored or sent; try again later: " + rootMessage(cause),
                cause);
    }

    private static String rootMessage(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
