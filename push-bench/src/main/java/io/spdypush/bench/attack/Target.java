package io.spdypush.bench.attack;

import io.spdypush.protocol.ProtocolDefaults;
import io.netty.channel.EventLoopGroup;
import io.spdypush.protocol.Tokens;
import java.time.Duration;

/**
 * The server under attack, as the attackers see it: where it listens, the secret that mints valid tokens,
 * the timeouts it was started with, and the event loop group all attacking connections share.
 *
 * @param timeout     the server's writeTimeoutSeconds, requestTimeoutSeconds and pushStreamTimeoutSeconds
 * @param refusalWait how long the server may take to refuse what waits for one of those timeouts
 * @param bigPath     a static file of {@link #BIG_FILE_BYTES} that the server answers on the SPDY port
 */
record Target(String host, int httpPort, int spdyPort, String tokenSecret, Duration timeout, Duration refusalWait,
              String bigPath, EventLoopGroup group) {

    static final int BIG_FILE_BYTES = 1024 * 1024;
    /** The server's maxFramesPerSecond (its default) and maxHeaderBytes, which the attacks go past. */
    static final int MAX_FRAMES_PER_SECOND = 500;
    static final int MAX_HEADER_BYTES = ProtocolDefaults.MAX_HEADER_BYTES;
    /** The server's maxRequestBytes and maxConcurrentStreams, its defaults. */
    static final int MAX_REQUEST_BYTES = 1024 * 1024;
    static final int MAX_CONCURRENT_STREAMS = 100;

    /** A valid token of the client, for a day. */
    String token(String clientId) {
        return Tokens.mint(tokenSecret, clientId, System.currentTimeMillis() / 1000 + 24 * 3600);
    }
}
