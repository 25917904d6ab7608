package io.spdypush.rar.spdy;

import io.spdypush.rar.outbox.Outbox;
import io.spdypush.rar.outbox.OutboxStore;
import io.spdypush.rar.pool.MemoryPool;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What a node of a cluster hands the node that becomes a client's home ({@link PushServer#handOffClient},
 * {@link PushServer#takeClient}): the client's outbox, and its sessions' takeovers of the current minute.
 *
 * @param outbox    every message not acknowledged, at-most-once ones too, and the seq counters
 * @param takeovers what the limit of takeovers a minute has counted so far
 */
record ClientHandOff(Outbox.Snapshot outbox, Takeovers.Carried takeovers) {

    private static final int MAGIC = 0x5350_484f; // "SPHO"
    private static final int VERSION = 1;

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(takeovers.count());
            out.writeLong(takeovers.windowAgeMillis());
            OutboxStore.writeHandoff(out, outbox);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * What {@link #encode} wrote, with message bodies in {@code pool}, those expired left out.
     *
     * @throws IllegalArgumentException when it is no hand-off of this version, or damaged
     */
    static ClientHandOff decode(byte[] handedOff, MemoryPool pool, long nowMillis) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(handedOff))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IllegalArgumentException("not a client handed off by an adapter of version " + VERSION);
            }
            Takeovers.Carried takeovers = new Takeovers.Carried(in.readInt(), in.readLong());
            if (takeovers.count() < 0 || takeovers.windowAgeMillis() < 0) {
                throw new IllegalArgumentException("a damaged hand-off: " + takeovers);
            }
            return new ClientHandOff(OutboxStore.readHandoff(in, pool, nowMillis), takeovers);
        } catch (IOException e) {
            throw new IllegalArgumentException("a damaged hand-off: " + e, e);
        }
    }
}
