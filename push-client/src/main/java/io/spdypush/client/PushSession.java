package io.spdypush.client;

/**
 * An accepted push stream: what the server's SYN_REPLY said (PROTOCOL.md §2).
 *
 * @param id               the opaque session id from {@code push-session}
 * @param heartbeatSeconds the heartbeat period T1 the server recommends, from {@code push-heartbeat}
 */
public record PushSession(String id, int heartbeatSeconds) {
}
