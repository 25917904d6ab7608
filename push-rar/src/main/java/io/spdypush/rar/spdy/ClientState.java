package io.spdypush.rar.spdy;

import io.spdypush.rar.outbox.Outbox;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The adapter's view of one client id: its outbox, the session it is online with, if any, and how
 * often its sessions were taken over lately.
 */
final class ClientState {

    /** Sessions that may take over from one online within {@link #TAKEOVER_WINDOW_NANOS}. */
    static final int MAX_TAKEOVERS = 10;
    static final long TAKEOVER_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final String clientId;
    private final Outbox outbox;
    private final AtomicReference<PushSession> session = new AtomicReference<>();
    private long takeoverWindowStart;
    private int takeoversInWindow;

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

    /**
     * Counts a takeover and tells whether it is within {@link #MAX_TAKEOVERS} a minute: one token
     * reconnecting in a loop would otherwise keep replacing sessions, each with its events and, until
     * it is closed, its place among the sessions online. Sessions of one client may open on any event loop.
     *
     * @return the seconds until another takeover is allowed, or 0 when this one is
     */
    synchronized long takeoverWaitSeconds(long nowNanos) {
        if (nowNanos - takeoverWindowStart >= TAKEOVER_WINDOW_NANOS || takeoversInWindow == 0) {
            takeoverWindowStart = nowNanos;
            takeoversInWindow = 0;
        }
        if (takeoversInWindow >= MAX_TAKEOVERS) {
            return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(TAKEOVER_WINDOW_NANOS - (nowNanos - takeoverWindowStart)));
        }
        takeoversInWindow++;
        return 0;
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
