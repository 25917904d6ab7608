package io.spdypush.rar.spdy;

import io.spdypush.rar.outbox.Outbox;

import java.util.concurrent.TimeUnit;

/**
 * The adapter's view of one client id: its outbox, the session it is online with, if any, and how
 * often its sessions were taken over lately. While it is idle (no session, nothing pending, nobody
 * about to use it, no session on its way after a claim) {@link ClientStates} may evict it; an evicted state is
 * never used again.
 */
final class ClientState {

    /**
     * How long a state claimed in a cluster waits for its session before it may be evicted: longer than a claim
     * waits behind the others of a reconnect storm, far shorter than a client that gave up should cost.
     */
    static final long CLAIM_GRACE_NANOS = TimeUnit.MINUTES.toNanos(2);

    private final String clientId;
    private final Outbox outbox;
    private final ClientStates owner;
    /** Written under the lock, read without it on every send. */
    private volatile PushSession session;
    /** Guarded by this: callers that took the state from {@link ClientStates#use} and have not let go. */
    private int users;
    /** Guarded by this. */
    private boolean evicted;
    /** Guarded by this. */
    private final Takeovers takeovers = new Takeovers();
    /** Guarded by this: when a claim took the client for a session about to open, or 0 once one attached. */
    private long claimedAtNanos;

    ClientState(String clientId, Outbox outbox, ClientStates owner) {
        this.clientId = clientId;
        this.outbox = outbox;
        this.owner = owner;
    }

    String clientId() {
        return clientId;
    }

    Outbox outbox() {
        return outbox;
    }

    PushSession session() {
        return session;
    }

    /**
     * Counts a takeover ({@link Takeovers#waitSeconds}): sessions of one client may open on any event loop.
     *
     * @return the seconds until another takeover is allowed, or 0 when this one is
     */
    synchronized long takeoverWaitSeconds(long nowNanos) {
        return takeovers.waitSeconds(nowNanos);
    }

    /** The takeovers of the current minute, for the client's next home in a cluster. */
    synchronized Takeovers.Carried takeoversToCarry(long nowNanos) {
        return takeovers.carried(nowNanos);
    }

    /** Goes on with the takeovers the client's previous home counted. */
    synchronized void takeoversCarried(Takeovers.Carried carried, long nowNanos) {
        takeovers.resume(carried, nowNanos);
    }

    /**
     * Makes {@code newSession} the client's session and returns the one it replaces, if any. It ends
     * the use that {@link ClientStates#use} began: the session now keeps the state from eviction.
     */
    synchronized PushSession attach(PushSession newSession) {
        PushSession replaced = session;
        session = newSession;
        claimedAtNanos = 0;
        users--;
        notifyAll();
        return replaced;
    }

    /** Forgets {@code endedSession} unless a newer session has already replaced it, and evicts an idle state. */
    void detach(PushSession endedSession) {
        boolean idle;
        synchronized (this) {
            if (session != endedSession) {
                return;
            }
            session = null;
            idle = isIdle();
        }
        if (idle) {
            owner.evictIfIdle(this);
        }
    }

    /** Ends a use that {@link ClientStates#use} began without attaching a session. */
    void release() {
        boolean idle;
        synchronized (this) {
            users--;
            idle = isIdle();
            notifyAll();
        }
        if (idle) {
            owner.evictIfIdle(this);
        }
    }

    /** Begins a use; false when the state was evicted, and the caller must take the client's new one. */
    synchronized boolean use() {
        if (evicted) {
            return false;
        }
        users++;
        return true;
    }

    /**
     * Marks the state evicted whatever it holds, as the client moves to another node of a cluster, and waits
     * until the uses under way have ended, so that nothing is added to the outbox after the caller snapshots it.
     * Uses are short (a send, a session attaching); the session itself is ended by the caller. For a session
     * opening on the other node this is a takeover when one is online here or attaching now (claimed for it and
     * in use), decided under the lock so that no session attaches uncounted; past the limit nothing is evicted.
     *
     * @return the seconds until such a takeover is allowed, or 0 when the state was evicted
     */
    synchronized long evictForHandOff(boolean forTakeover, long nowNanos) throws InterruptedException {
        if (forTakeover && (session != null || (users > 0 && claimedAtNanos != 0))) {
            long waitSeconds = takeovers.waitSeconds(nowNanos);
            if (waitSeconds > 0) {
                return waitSeconds;
            }
        }
        evicted = true;
        while (users > 0) {
            wait();
        }
        return 0;
    }

    /**
     * A claim took the client for a session about to open on this node of a cluster: until it attaches (or
     * {@link #CLAIM_GRACE_NANOS} passed) the state is not idle, else the walk over offline clients would evict it
     * under the claim, and the session would be refused.
     */
    synchronized void claimed(long nowNanos) {
        claimedAtNanos = nowNanos;
    }

    /** Whether the state was evicted, and so must not be used any more. */
    synchronized boolean isEvicted() {
        return evicted;
    }

    /** Marks the state evicted when it is idle; once evicted, it stays so. */
    synchronized boolean evictIfIdle() {
        evicted = evicted || isIdle();
        return evicted;
    }

    /** Nothing holds the state: no use, no session, no message pending, no session on its way. Under the lock. */
    private boolean isIdle() {
        return users == 0 && session == null && outbox.size() == 0
                && (claimedAtNanos == 0 || System.nanoTime() - claimedAtNanos > CLAIM_GRACE_NANOS);
    }
}
