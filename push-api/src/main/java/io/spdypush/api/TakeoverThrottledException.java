package io.spdypush.api;

/**
 * A session of a client id was refused because its sessions were taken over too often lately: at most 10 a minute
 * (docs/PROTOCOL.md §2), counted over every node of a cluster. The session online stays; the new one is refused
 * with 503 and {@code retry-after}.
 */
public class TakeoverThrottledException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    /** @param retryAfterSeconds the seconds until the client id may take over again, at least 1 */
    public TakeoverThrottledException(String clientId, long retryAfterSeconds) {
        super("the sessions of client " + clientId + " were taken over 10 times within a minute; the next takeover"
                + " is allowed in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
