package io.spdypush.ejb;

import jakarta.ejb.ApplicationException;

/** The push adapter cannot be reached (not deployed, not started, or its pool is exhausted). */
@ApplicationException
public class PushUnavailableException extends RuntimeException {

    public PushUnavailableException(Throwable cause) {
        super("The push adapter is unavailable: " + cause.getMessage(), cause);
    }
}
