package io.spdypush.client;

import java.util.OptionalLong;

/** A {@link LastSeqStore} that lasts as long as the process: the client's default. Thread-safe. */
public final class InMemoryLastSeqStore implements LastSeqStore {

    private OptionalLong lastSeq;

    /** Starts empty: the first session gets every message the server holds. */
    public InMemoryLastSeqStore() {
        this.lastSeq = OptionalLong.empty();
    }

    /** Starts at a seq processed before, for example by an earlier run of the application. */
    public InMemoryLastSeqStore(long lastSeq) {
        if (lastSeq < 0) {
            throw new IllegalArgumentException("lastSeq " + lastSeq + " is negative");
        }
        this.lastSeq = OptionalLong.of(lastSeq);
    }

    @Override
    public synchronized OptionalLong load() {
        return lastSeq;
    }

    @Override
    public synchronized void save(long seq) {
        lastSeq = OptionalLong.of(seq);
    }

    @Override
    public synchronized String toString() {
        return "InMemoryLastSeqStore[" + (lastSeq.isPresent() ? lastSeq.getAsLong() : "empty") + "]";
    }
}
