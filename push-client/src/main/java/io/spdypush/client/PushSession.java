package io.spdypush.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * An accepted push stream (docs/PROTOCOL.md §2) and the connection it lives on, through which the application makes
 * business requests (§3.2). A session lasts as long as its connection; after that its requests fail with
 * {@link SessionClosedException}, and a new session comes from {@link PushClient#connect()} or, when the client
 * reconnects, to {@link PushListener#onConnected}. Thread-safe.
 */
public final class PushSession {

    private final String id;
    private final ServerAddress server;
    private final int heartbeatSeconds;
    private final Transport transport;
    private final Function<Request, CompletableFuture<Response>> requests;

    /**
     * @param transport what the connection speaks: never {@link Transport#AUTO}
     * @param requests  opens a request stream on the session's connection, from any thread
     */
    PushSession(String id, ServerAddress server, int heartbeatSeconds, Transport transport,
                Function<Request, CompletableFuture<Response>> requests) {
        this.id = id;
        this.server = server;
        this.heartbeatSeconds = heartbeatSeconds;
        this.transport = transport;
        this.requests = requests;
    }

    /** The opaque session id from {@code push-session}. */
    public String id() {
        return id;
    }

    /** The server the session is with: one of the client's servers. */
    public ServerAddress server() {
        return server;
    }

    /** The heartbeat period T1 the server recommends, from {@code push-heartbeat}. */
    public int heartbeatSeconds() {
        return heartbeatSeconds;
    }

    /**
     * What the session's connection speaks: {@link Transport#SPDY}, {@link Transport#H2} or {@link Transport#HTTP1},
     * the one the server picked when the client offered {@link Transport#AUTO}.
     */
    public Transport transport() {
        return transport;
    }

    /** A {@code GET} of the path; see {@link #request(Request)}. */
    public CompletableFuture<Response> request(String path) {
        return request(Request.to(path));
    }

    /**
     * Sends a business request on a new stream (over HTTP/1.1, a connection of its own). The future completes when
     * the reply is complete and so is every sub-resource the server pushed for it; a 4xx or 5xx reply is a
     * {@link Response} too. It fails with {@link StreamResetException} when the server resets the request's stream,
     * with an {@code IOException} when its HTTP/1.1 connection fails, and with
     * {@link SessionClosedException} when the session ends first. It completes on the connection's event loop:
     * what is chained to it without an executor of its own must not block.
     */
    public CompletableFuture<Response> request(Request request) {
        return requests.apply(request);
    }

    @Override
    public String toString() {
        return "PushSession[id=" + id + ", server=" + server + ", heartbeatSeconds=" + heartbeatSeconds
                + ", transport=" + transport + "]";
    }
}
