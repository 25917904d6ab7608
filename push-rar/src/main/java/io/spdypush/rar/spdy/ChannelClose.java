package io.spdypush.rar.spdy;

import io.netty.channel.Channel;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Closing a connection, with or without a session on it: the ways the server ends one. */
final class ChannelClose {

    private ChannelClose() {
    }

    /**
     * Sends GOAWAY (through Netty's session handler, on {@code close()}) and force-closes the connection after
     * {@code grace}: Netty would otherwise wait forever for the push stream.
     */
    static void gracefully(Channel channel, Duration grace) {
        channel.close();
        channel.eventLoop().schedule(() -> now(channel), grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes the socket without waiting for streams: the close starts below the SPDY session handler. */
    static void now(Channel channel) {
        if (channel.isOpen()) {
            channel.pipeline().firstContext().close();
        }
    }
}
