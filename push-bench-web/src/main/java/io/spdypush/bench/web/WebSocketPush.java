package io.spdypush.bench.web;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/**
 * {@code ws://host/bench/ws/{clientId}}: the WebSocket alternative. The server sends text frames
 * {@code "<seq> <payload>"}; the client acknowledges with {@code "ack <seq>"} and gets
 * {@code "acked <seq>"} back, the counterpart of our ack stream's reply (docs/PROTOCOL.md §3.1).
 */
@ServerEndpoint("/ws/{clientId}")
public class WebSocketPush {

    static final Subscribers<Session> SESSIONS = new Subscribers<>();

    @OnOpen
    public void open(Session session, @PathParam("clientId") String clientId) {
        session.setMaxIdleTimeout(0);
        SESSIONS.put(clientId, session);
    }

    @OnMessage
    public void message(Session session, String text) {
        if (text.startsWith("ack ")) {
            session.getAsyncRemote().sendText("acked " + text.substring(4));
        }
    }

    @OnClose
    public void close(Session session, @PathParam("clientId") String clientId) {
        SESSIONS.remove(clientId, session);
    }

    @OnError
    public void error(Session session, @PathParam("clientId") String clientId, Throwable error) {
        SESSIONS.remove(clientId, session);
    }

    /** Sends one message; false when the client has no session. */
    static long send(String clientId, String payload) {
        Subscribers.Subscriber<Session> subscriber = SESSIONS.get(clientId);
        if (subscriber == null) {
            return -1;
        }
        long seq = subscriber.seq().incrementAndGet();
        subscriber.session().getAsyncRemote().sendText(seq + " " + payload);
        return seq;
    }

    static int sendToEveryone(String payload) {
        return SESSIONS.forEach((id, subscriber) -> subscriber.session().getAsyncRemote()
                .sendText(subscriber.seq().incrementAndGet() + " " + payload));
    }
}
