package io.spdypush.rar.spdy;

import io.netty.buffer.ByteBuf;

import java.time.Duration;
import java.time.Instant;

/**
 * What a push session needs of the connection beneath it, one implementation per transport of docs/PROTOCOL.md
 * §10: how its push stream carries packets, how it ends, and what the pages tell of it.
 */
interface SessionTransport {

    /** What the connection speaks, as ALPN names it: {@code spdy/3.1}, {@code h2} or {@code http/1.1}. */
    String name();

    /** The push stream's next packets as one message of the pipeline, which takes over {@code packets}. */
    Object packets(ByteBuf packets);

    /** Ends the session (GOAWAY, or the push response's last chunk) and closes the connection after {@code grace}. */
    void closeGracefully(Duration grace);

    /** When the last heartbeat (docs/PROTOCOL.md §5, §10) was seen, or null while there has been none; any thread. */
    Instant lastHeartbeat();

    /** The streams open on the connection, the push stream included; any thread. */
    int openStreams();
}
