package io.spdypush.rar.spdy;

import io.spdypush.rar.outbox.Outbox;
import io.spdypush.rar.outbox.OutboxStore;
import io.spdypush.rar.pool.MemoryPool;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The clients' outboxes from one run of the server to the next (docs/PROTOCOL.md §9): checked writable before a
 * start, read back into the clients before the port is bound, the file removed once the server listens (a start
 * that fails leaves it for the next), written at each stop, and the buffers released after. Without a store,
 * outboxes live in memory only.
 */
final class OutboxPersistence {

    private static final Logger LOG = Logger.getLogger(OutboxPersistence.class.getName());

    private final OutboxStore store;
    private final ClientStates clients;
    private final MemoryPool pool;

    /**
     * @param store where outboxes are kept from stop to start, or null to keep them in memory only
     * @param pool  where the restored messages' bytes go
     */
    OutboxPersistence(OutboxStore store, ClientStates clients, MemoryPool pool) {
        this.store = store;
        this.clients = clients;
        this.pool = pool;
    }

    void checkWritable() {
        if (store == null) {
            return;
        }
        try {
            store.checkWritable();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write to the data directory " + store.file().getParent()
                    + ", where the outboxes are saved at each stop: " + e
                    + " (resource adapter config property dataDirectory)", e);
        }
    }

    void restore() {
        if (store == null) {
            return;
        }
        try {
            Map<String, Outbox.Snapshot> saved = store.load(pool, System.currentTimeMillis());
            saved.forEach(clients::restore);
            long messages = saved.values().stream().mapToLong(snapshot -> snapshot.entries().size()).sum();
            if (!saved.isEmpty()) {
                LOG.log(Level.INFO, "Restored {0} unacknowledged messages of {1} clients from {2}",
                        new Object[]{messages, saved.size(), store.file()});
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot restore the outboxes saved in " + store.file() + ": "
                    + e.getMessage() + " (move the file away to start without them)", e);
        }
    }

    /**
     * Removes the outbox file once its outboxes are in memory and the server runs, so that nothing is
     * delivered twice from it. A file that cannot be removed would be read again at the next start.
     */
    void forgetSaved() {
        if (store == null) {
            return;
        }
        try {
            store.discard();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot remove " + store.file() + " after restoring its outboxes, so the"
                    + " next start would restore them again; remove it by hand: " + e, e);
        }
    }

    /** Releases the buffers of every outbox, whose messages are saved or were never taken from the file. */
    void release() {
        clients.forEachOutbox(Outbox::clear);
    }

    void save() {
        if (store == null) {
            return;
        }
        Map<String, Outbox.Snapshot> pending = new LinkedHashMap<>();
        clients.forEach((clientId, client) -> {
            Outbox.Snapshot snapshot = client.outbox().snapshot();
            if (!snapshot.entries().isEmpty()) {
                pending.put(clientId, snapshot);
            }
        });
        try {
            store.save(pending);
            LOG.log(Level.INFO, "Saved the unacknowledged messages of {0} clients to {1}",
                    new Object[]{pending.size(), store.file()});
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "Cannot save the unacknowledged messages of " + pending.size()
                    + " clients to " + store.file() + "; they are lost: " + e, e);
        }
    }
}
