package io.spdypush.client;

import java.io.IOException;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The highest seq the application has fully processed, over all the sessions of one client: sent as
 * {@code push-last-seq} (docs/PROTOCOL.md §2), used to drop what the server sends again anyway, and kept in the
 * {@link LastSeqStore}. Thread-safe: successive connections may run on different event loops.
 */
final class ResumePoint {

    private static final Logger LOG = Logger.getLogger(ResumePoint.class.getName());
    private static final long NONE = -1;

    private final LastSeqStore store;
    private boolean loaded;
    private long processed = NONE;
    private long saved = NONE;

    ResumePoint(LastSeqStore store) {
        this.store = store;
    }

    /** Reads the store, the first time only: after that the value in memory is the newer one. */
    synchronized void load() throws IOException {
        if (loaded) {
            return;
        }
        OptionalLong stored = store.load();
        processed = Math.max(processed, stored.orElse(NONE));
        saved = processed;
        loaded = true;
    }

    /** The value for {@code push-last-seq}: empty before anything was processed. */
    synchronized OptionalLong lastSeq() {
        return processed == NONE ? OptionalLong.empty() : OptionalLong.of(processed);
    }

    /** True when a message of this seq was processed already: it must not reach the application again. */
    synchronized boolean isProcessed(long seq) {
        return seq <= processed;
    }

    /** Notes that every message up to seq has been processed; a lower seq than before changes nothing. */
    synchronized void processed(long seq) {
        processed = Math.max(processed, seq);
    }

    /**
     * Writes the processed seq to the store if it has changed. A store that fails is logged, not fatal: within
     * this process nothing comes twice anyway, only after a restart may some messages come again.
     */
    synchronized void save() {
        if (processed == saved) {
            return;
        }
        try {
            store.save(processed);
            saved = processed;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not save last seq " + processed + " in " + store + "; after a restart,"
                    + " messages up to it may be delivered again", e);
        }
    }
}
