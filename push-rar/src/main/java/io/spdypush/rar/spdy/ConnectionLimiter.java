package io.spdypush.rar.spdy;

import io.netty.channel.Channel;
import io.spdypush.api.ClientNetworks;

import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds the door: at most {@code maxConnectionsPerAddress} connections from one address at once, with
 * or without a push stream, so that one host cannot take the server's sockets and memory with
 * connections that each cost little (docs/PROTOCOL.md §4). An IPv6 address counts as its /64
 * ({@link ClientNetworks}). Only addresses with connections open are kept.
 */
final class ConnectionLimiter {

    private final int maxConnectionsPerAddress;
    private final ConcurrentMap<String, AtomicInteger> open = new ConcurrentHashMap<>();

    ConnectionLimiter(int maxConnectionsPerAddress) {
        this.maxConnectionsPerAddress = maxConnectionsPerAddress;
    }

    /**
     * Counts the connection until it closes, unless its address already has the most it may have.
     *
     * @return false when the connection must be refused
     */
    boolean admit(Channel channel) {
        String address = ClientNetworks.of(((InetSocketAddress) channel.remoteAddress()).getAddress());
        AtomicInteger count = open.compute(address, (key, current) -> {
            AtomicInteger counter = current == null ? new AtomicInteger() : current;
            counter.incrementAndGet();
            return counter;
        });
        if (count.get() > maxConnectionsPerAddress) {
            release(address);
            return false;
        }
        channel.closeFuture().addListener(closed -> release(address));
        return true;
    }

    private void release(String address) {
        open.computeIfPresent(address, (key, count) -> count.decrementAndGet() == 0 ? null : count);
    }
}
