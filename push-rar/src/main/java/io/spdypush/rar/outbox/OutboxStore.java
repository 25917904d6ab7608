package io.spdypush.rar.outbox;

import io.netty.buffer.ByteBuf;
import io.spdypush.rar.packet.EncodedMessage;
import io.spdypush.rar.pool.MemoryPool;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the outboxes across a stop and a start of the adapter (a redeploy, a server restart):
 * {@link #save} writes every client's unacknowledged messages and seq counters to one file,
 * atomically, when the adapter stops; {@link #load} reads them back when it starts, dropping
 * what expired meanwhile. Messages for offline clients that must also survive a crash are
 * stored by the application layer; this file covers orderly stops (docs/PROTOCOL.md §9).
 */
public final class OutboxStore {

    private static final int MAGIC = 0x5350_4f42; // "SPOB"
    private static final int VERSION = 1;

    private final Path file;

    public OutboxStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /**
     * Writes the snapshots, replacing the previous file in one step, and forces them to the disk before: a crash
     * or a power cut right after leaves the old file or the new one, never half of one. When the write fails
     * (a full disk), the previous file stays as it was and no partial one is left.
     */
    public void save(Map<String, Outbox.Snapshot> outboxes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = partialFile();
        try {
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)))) {
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(outboxes.size());
                for (Map.Entry<String, Outbox.Snapshot> client : outboxes.entrySet()) {
                    writeOutbox(out, client.getKey(), client.getValue());
                }
                out.flush();
                channel.force(true);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
    }

    /**
     * Writes, forces and removes a small file next to where {@link #save} writes: a start calls it so that a
     * directory that cannot be written stops the start, rather than losing the outboxes at the next stop.
     */
    public void checkWritable() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path probe = file.resolveSibling(file.getFileName() + ".probe");
        try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(Integer.BYTES).putInt(0, MAGIC));
            channel.force(true);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    private Path partialFile() {
        return file.resolveSibling(file.getFileName() + ".partial");
    }

    /**
     * Reads what the last {@link #save} wrote, with message bodies in {@code pool}. The file stays until
     * {@link #discard()}, so that a start that fails after reading it loses nothing.
     *
     * @return the snapshots by client id; empty when there is no file
     * @throws IOException when the file cannot be read or is not an outbox file of this version
     */
    public Map<String, Outbox.Snapshot> load(MemoryPool pool, long nowMillis) throws IOException {
        Map<String, Outbox.Snapshot> outboxes = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return outboxes;
        }
        try (InputStream stream = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(stream))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException(file + " is not an outbox file of version " + VERSION);
            }
            int clients = in.readInt();
            for (int i = 0; i < clients; i++) {
                String clientId = in.readUTF();
                outboxes.put(clientId, readOutbox(in, pool, nowMillis));
            }
        } catch (IOException | RuntimeException e) {
            outboxes.values().forEach(snapshot -> snapshot.entries().forEach(entry -> entry.message().body().release()));
            throw e instanceof IOException io ? io : new IOException(file + " is damaged: " + e, e);
        }
        return outboxes;
    }

    /** Removes the file once what {@link #load} read is safely in the running adapter's hands. */
    public void discard() throws IOException {
        Files.deleteIfExists(file);
    }

    /**
     * One client's outbox, every message in it, at-most-once ones too, for another node that becomes the client's
     * home in a cluster ({@link #readHandoff}).
     */
    public static void writeHandoff(DataOutputStream out, Outbox.Snapshot snapshot) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        writeOutbox(out, snapshot, true);
    }

    /**
     * What {@link #writeHandoff} wrote, with message bodies in {@code pool}, those expired left out.
     *
     * @throws IllegalArgumentException when it is no outbox handed off by this version, or damaged
     */
    public static Outbox.Snapshot readHandoff(DataInputStream in, MemoryPool pool, long nowMillis) {
        try {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IllegalArgumentException("not an outbox handed off by an adapter of version " + VERSION);
            }
            return readOutbox(in, pool, nowMillis, true);
        } catch (IOException e) {
            throw new IllegalArgumentException("a damaged outbox hand-off: " + e, e);
        }
    }

    private static void writeOutbox(DataOutputStream out, String clientId, Outbox.Snapshot snapshot)
            throws IOException {
        out.writeUTF(clientId);
        // At-most-once messages live in memory only.
        writeOutbox(out, snapshot, false);
    }

    /** @param everyMessage at-most-once messages too, each entry marked with whether it is at least once */
    private static void writeOutbox(DataOutputStream out, Outbox.Snapshot snapshot, boolean everyMessage)
            throws IOException {
        out.writeLong(snapshot.lastAssignedSeq());
        out.writeLong(snapshot.highestSent());
        out.writeLong(snapshot.highestAcknowledged());
        List<OutboxEntry> kept = snapshot.entries().stream()
                .filter(entry -> everyMessage || entry.message().ackRequired()).toList();
        out.writeInt(kept.size());
        for (OutboxEntry entry : kept) {
            EncodedMessage message = entry.message();
            out.writeLong(entry.seq());
            out.writeUTF(message.messageId());
            out.writeLong(message.expiresAtMillis());
            out.writeUTF(message.collapseKey() == null ? "" : message.collapseKey());
            out.writeInt(message.metaLength());
            if (everyMessage) {
                out.writeBoolean(message.ackRequired());
            }
            out.writeInt(message.bytes());
            ByteBuf body = message.body();
            body.getBytes(body.readerIndex(), out, body.readableBytes());
        }
    }

    private static Outbox.Snapshot readOutbox(DataInputStream in, MemoryPool pool, long nowMillis)
            throws IOException {
        return readOutbox(in, pool, nowMillis, false);
    }

    /** @param everyMessage as {@link #writeOutbox(DataOutputStream, Outbox.Snapshot, boolean)} wrote it */
    private static Outbox.Snapshot readOutbox(DataInputStream in, MemoryPool pool, long nowMillis,
                                              boolean everyMessage) throws IOException {
        long lastAssignedSeq = in.readLong();
        long highestSent = in.readLong();
        long highestAcknowledged = in.readLong();
        int count = in.readInt();
        List<OutboxEntry> entries = new ArrayList<>(Math.min(count, 1024));
        try {
            for (int i = 0; i < count; i++) {
                long seq = in.readLong();
                String messageId = in.readUTF();
                long expiresAtMillis = in.readLong();
                String collapseKey = in.readUTF();
                int metaLength = in.readInt();
                boolean ackRequired = !everyMessage || in.readBoolean();
                int length = in.readInt();
                byte[] bytes = new byte[length];
                in.readFully(bytes);
                ByteBuf body = pool.buffer(length).writeBytes(bytes);
                EncodedMessage message = new EncodedMessage(messageId, body.asReadOnly(), metaLength, expiresAtMillis,
                        collapseKey.isEmpty() ? null : collapseKey, ackRequired);
                if (message.isExpiredAt(nowMillis)) {
                    body.release();
                } else {
                    entries.add(OutboxEntry.restored(seq, message));
                }
            }
        } catch (IOException | RuntimeException e) {
            entries.forEach(entry -> entry.message().body().release());
            throw e;
        }
        return new Outbox.Snapshot(lastAssignedSeq, highestSent, highestAcknowledged, entries);
    }
}
