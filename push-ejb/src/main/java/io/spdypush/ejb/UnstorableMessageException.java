package io.spdypush.ejb;

import jakarta.ejb.ApplicationException;

/**
 * An at-least-once message that cannot be stored as it is (a text field longer than a column);
 * nothing was stored or sent. Being an {@link IllegalArgumentException}, the REST API answers 400.
 */
@ApplicationException
public class UnstorableMessageException extends IllegalArgumentException {

    public UnstorableMessageException(String message) {
        super(message);
    }
}
