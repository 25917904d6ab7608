package io.spdypush.client;

import java.io.IOException;

/** A push session ended (or could not be used) for the reason in the message; pending futures fail with it. */
public class SessionClosedException extends IOException {

    public SessionClosedException(String message) {
        super(message);
    }

    public SessionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
