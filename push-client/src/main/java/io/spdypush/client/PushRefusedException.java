package io.spdypush.client;

import java.io.IOException;
import java.util.OptionalLong;

/** The server answered a stream (the push stream or an acknowledgement) with a status other than 200. */
public class PushRefusedException extends IOException {

    private static final long NO_RETRY_AFTER = -1;

    private final int status;
    private final long retryAfterSeconds;

    /**
     * @param what              what was refused, for the message ("the push stream", "ack 17")
     * @param status            the reply's {@code :status}
     * @param retryAfterSeconds the reply's {@code retry-after}, if it had one
     */
    public PushRefusedException(String what, int status, OptionalLong retryAfterSeconds) {
        super("the server refused " + what + " with status " + status
                + (retryAfterSeconds.isPresent() ? ", retry after " + retryAfterSeconds.getAsLong() + " s" : ""));
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds.orElse(NO_RETRY_AFTER);
    }

    /** The reply's {@code :status}: 401 bad or missing token, 400 malformed, 409 duplicate, 503 full. */
    public int status() {
        return status;
    }

    /** The reply's {@code retry-after} in seconds, sent with 503. */
    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds == NO_RETRY_AFTER ? OptionalLong.empty() : OptionalLong.of(retryAfterSeconds);
    }
}
