package io.spdypush.bench;

import io.netty.channel.EventLoopGroup;

/**
 * Where the server under test listens, the token secret, and the event loop group that every session of
 * this process shares (one group for thousands of sessions, unlike one per PushClient).
 */
record Endpoints(String host, int httpPort, int spdyPort, String tokenSecret, EventLoopGroup group) {
}
