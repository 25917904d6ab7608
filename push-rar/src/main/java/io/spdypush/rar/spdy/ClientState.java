package io.spdypush.rar.spdy;

import io.spdypush.rar.outbox.Outbox;

import java.util.concurrent.atomic.AtomicReference;

/** The adapter's view of one client id: its outbox and the session it is online with, if any. */
final class ClientState {

    private final String clientId;
    private final Outbox outbox;
    private final AtomicReference<PushSession> session = new AtomicReference<>();

    ClientState(String clientId, Outbox outbox) {
        this.clientId = clientId;
        this.outbox = outbox;
    }

    String clientId() {
        return clientId;
    }

    Outbox outbox() {
        return outbox;
    }

    PushSession session() {
        return session.get();
    }

    /** Makes {@code newSession} the client's session and returns the one it replaces, if any. */
    PushSession attach(PushSession newSession) {
        return session.getAndSet(newSession);
    }

    /** Forgets {@code endedSession} unless a newer session has already replaced it. */
    void detach(PushSession endedSession) {
        session.compareAndSet(endedSession, null);
    }
}
