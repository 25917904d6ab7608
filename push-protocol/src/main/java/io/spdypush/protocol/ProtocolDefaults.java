package io.spdypush.protocol;

import java.time.Duration;

/**
 * The defaults of the limits and timers that both sides of a session must agree on (docs/PROTOCOL.md §2, §4,
 * §5, §8): a server and a client left at their defaults work together.
 */
public final class ProtocolDefaults {

    /** The largest payload of a push packet; a client must accept what its server sends. */
    public static final int MAX_PAYLOAD_BYTES = 1024 * 1024;
    /** The largest decompressed header block a server accepts on a stream. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    /** T1: a client PINGs after this long without hearing from the server; the server says its own in push-heartbeat. */
    public static final int HEARTBEAT_CLIENT_SECONDS = 60;
    /** T2: a server PINGs a client that sent no PING for this long. */
    public static final int HEARTBEAT_SERVER_SECONDS = 90;
    /** T3: a PING not answered within this ends the session, on either side. */
    public static final int HEARTBEAT_TIMEOUT_SECONDS = 10;
    /** The first wait of a client before it reconnects (§8), doubled after each failure... */
    public static final Duration RECONNECT_BASE = Duration.ofSeconds(1);
    /** ...up to this, each wait drawn at random below the bound (full jitter). */
    public static final Duration RECONNECT_CAP = Duration.ofMinutes(5);

    private ProtocolDefaults() {
    }
}
