package io.spdypush.rar.spdy;

import io.spdypush.api.Expiration;
import io.spdypush.api.TakeoverThrottledException;
import io.spdypush.rar.outbox.Outbox;
import io.spdypush.rar.outbox.OutboxEntry;
import io.spdypush.rar.outbox.OutboxSizes;
import io.spdypush.rar.outbox.SeqFloor;
import io.spdypush.rar.statistics.MessageStatistics;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The state of every client id the adapter holds something for: a session, or messages pending.
 * A client with neither is evicted as soon as it becomes idle (its session ends with nothing
 * pending, a send to it is refused), so that connecting or sending with ever new client ids does
 * not grow the adapter without bound.
 * <p>
 * Seqs stay strictly increasing per client id across eviction (docs/PROTOCOL.md §2): a state is evicted
 * only inside the map's {@code computeIfPresent} for its id, which first raises {@link #seqCeiling}
 * to the last seq its outbox gave; the next state of that id can only be created by a
 * {@code computeIfAbsent} that runs after that and starts its outbox above
 * {@code max(SeqFloor.at(now), seqCeiling)}, so above every seq the evicted outbox gave. The clock
 * floor alone would not do: a client evicted and back within the same millisecond, or after the
 * clock was set back, would get its old seqs again. And an evicted outbox gives no seq any more:
 * every accept and every attach happens within a {@link #use}, which an evicted state refuses.
 * <p>
 * A message handed back after a restart keeps its old seq, below the new outbox's floor, unless a
 * session of the client may have taken a newer one since ({@link Outbox#acceptAgain}): the client's
 * acknowledgements would cover the old seq. An outbox forgets that with its state, so the client ids
 * evicted after a session took something are marked ({@link TakenBeforeEviction}), and the next outbox
 * of such a client counts everything up to its floor as taken.
 */
final class ClientStates {

    private final ConcurrentMap<String, ClientState> byClientId = new ConcurrentHashMap<>();
    /** The highest seq any evicted outbox gave. */
    private final AtomicLong seqCeiling = new AtomicLong();
    private final TakenBeforeEviction takenBeforeEviction = new TakenBeforeEviction();
    private final ServerConfig config;
    private final MessageStatistics statistics;
    private final OutboxSizes sizes;
    private volatile Consumer<String> idleEvicted = clientId -> {
    };

    ClientStates(ServerConfig config, MessageStatistics statistics, OutboxSizes sizes) {
        this.config = config;
        this.statistics = statistics;
        this.sizes = sizes;
    }

    /**
     * The client's state, created when there is none, held against eviction until the caller
     * {@link ClientState#attach attaches} a session or {@link ClientState#release releases} it.
     */
    ClientState use(String clientId) {
        while (true) {
            ClientState client = byClientId.get(clientId);
            if (client == null) {
                client = byClientId.computeIfAbsent(clientId, this::created);
            }
            if (client.use()) {
                return client;
            }
            byClientId.remove(clientId, client);
        }
    }

    /**
     * The client's state held against eviction as {@link #use} holds it, or null when the adapter holds none: in
     * a cluster only the client's home creates one ({@link #take}).
     */
    ClientState useExisting(String clientId) {
        ClientState client = byClientId.get(clientId);
        return client != null && client.use() ? client : null;
    }

    /**
     * Makes this adapter the client's home in a cluster. Without a state yet, the client gets one holding what
     * its previous home handed off (or nothing), numbering above every seq that home, this adapter and
     * {@code seqFloor} can have given. With one (this adapter already is its home), the handed-off messages join
     * its outbox as messages handed back after a restart do.
     *
     * @param handedOff what the previous home handed off, whose message references this takes over; or null
     */
    void take(String clientId, ClientHandOff handedOff, long seqFloor) {
        long nowMillis = System.currentTimeMillis();
        ClientState existing = useExisting(clientId);
        if (existing == null) {
            byClientId.compute(clientId, (id, current) -> {
                // Not use() and release() here: a release may evict, which would update the map inside compute.
                ClientState taken = current != null && !current.isEvicted() ? merged(current, handedOff, nowMillis)
                        : takenAfresh(id, handedOff, seqFloor, nowMillis);
                taken.claimed(System.nanoTime());
                return taken;
            });
            return;
        }
        try {
            merged(existing, handedOff, nowMillis);
            existing.claimed(System.nanoTime());
        } finally {
            existing.release();
        }
    }

    private ClientState takenAfresh(String clientId, ClientHandOff handedOff, long seqFloor, long nowMillis) {
        long floor = Math.max(Math.max(SeqFloor.at(nowMillis), seqCeiling.get()), seqFloor);
        if (handedOff == null) {
            return new ClientState(clientId, newOutbox(floor), this);
        }
        Outbox.Snapshot outbox = handedOff.outbox();
        Outbox.Snapshot aboveTheFloor = new Outbox.Snapshot(Math.max(floor, outbox.lastAssignedSeq()),
                outbox.highestSent(), outbox.highestAcknowledged(), outbox.entries());
        ClientState client = new ClientState(clientId, Outbox.restore(config.outboxMaxMessages(),
                config.outboxMaxBytes(), aboveTheFloor, statistics, sizes), this);
        client.takeoversCarried(handedOff.takeovers(), System.nanoTime());
        return client;
    }

    private static ClientState merged(ClientState client, ClientHandOff handedOff, long nowMillis) {
        if (handedOff != null) {
            for (OutboxEntry entry : handedOff.outbox().entries()) {
                client.outbox().acceptAgain(entry.message(), entry.seq(), nowMillis);
                entry.message().body().release();
            }
            client.takeoversCarried(handedOff.takeovers(), System.nanoTime());
        }
        return client;
    }

    /**
     * A client's state as it left this adapter for another home ({@link ClientHandOff#encode}), and its session if
     * it was online here, which the caller ends.
     */
    record HandedOff(byte[] state, PushSession session) {
    }

    /**
     * Gives up the client's state for another node of a cluster: no send or session can use it any more, and it
     * is forgotten once the uses under way have ended. A client the adapter holds nothing for hands off an empty
     * outbox above every seq the adapter gave.
     *
     * @param forTakeover a session of the client opens on the other node: if one is online here, that is a takeover
     * @throws TakeoverThrottledException for a takeover past the limit; the client stays here
     */
    HandedOff handOff(String clientId, boolean forTakeover) throws InterruptedException {
        ClientState client = byClientId.get(clientId);
        long nowNanos = System.nanoTime();
        if (client == null) {
            long ceiling = Math.max(SeqFloor.at(System.currentTimeMillis()), seqCeiling.get());
            return new HandedOff(new ClientHandOff(new Outbox.Snapshot(ceiling, ceiling, 0, List.of()),
                    Takeovers.Carried.NONE).encode(), null);
        }
        long waitSeconds = client.evictForHandOff(forTakeover, nowNanos);
        if (waitSeconds > 0) {
            throw new TakeoverThrottledException(clientId, waitSeconds);
        }
        byClientId.remove(clientId, client);
        Outbox outbox = client.outbox();
        Outbox.Snapshot snapshot = outbox.snapshot();
        seqCeiling.accumulateAndGet(snapshot.lastAssignedSeq(), Math::max);
        try {
            return new HandedOff(new ClientHandOff(snapshot, client.takeoversToCarry(nowNanos)).encode(),
                    client.session());
        } finally {
            outbox.clear();
        }
    }

    /** The client's state, if the adapter holds one; not held against eviction. */
    ClientState get(String clientId) {
        return byClientId.get(clientId);
    }

    /**
     * Takes an outbox read back from the outbox file, before the server accepts sessions. One left empty
     * (its messages expired meanwhile) is not kept: only its last seq is, as an evicted one's.
     */
    void restore(String clientId, Outbox.Snapshot snapshot) {
        if (snapshot.entries().isEmpty()) {
            seqCeiling.accumulateAndGet(snapshot.lastAssignedSeq(), Math::max);
            return;
        }
        byClientId.put(clientId, new ClientState(clientId, Outbox.restore(config.outboxMaxMessages(),
                config.outboxMaxBytes(), snapshot, statistics, sizes), this));
    }

    void forEach(BiConsumer<String, ClientState> action) {
        byClientId.forEach(action);
    }

    /** The client ids the adapter holds state for now. */
    List<String> clientIds() {
        return List.copyOf(byClientId.keySet());
    }

    void forEachOutbox(Consumer<Outbox> action) {
        byClientId.values().forEach(client -> action.accept(client.outbox()));
    }

    /**
     * Drops the expired messages of the clients that are offline, tells {@code expired} of them, and
     * forgets the clients left idle: a walk over every client, for a timer.
     */
    void expireOffline(long nowMillis, Consumer<Expiration> expired) {
        for (ClientState client : byClientId.values()) {
            if (client.session() != null || !client.use()) {
                continue;
            }
            try {
                client.outbox().expire(nowMillis);
                List<String> messageIds = client.outbox().drainExpired();
                if (!messageIds.isEmpty()) {
                    expired.accept(new Expiration(client.clientId(), messageIds));
                }
            } finally {
                client.release();
            }
        }
    }

    /** How many client ids the adapter holds state for. */
    int size() {
        return byClientId.size();
    }

    /** From now on {@code idleEvicted} hears of each client forgotten as idle, outside any lock. */
    void onIdleEviction(Consumer<String> idleEvicted) {
        this.idleEvicted = idleEvicted;
    }

    /** Forgets {@code client} when it is idle; called as it may have become so. */
    void evictIfIdle(ClientState client) {
        boolean[] evicted = {false};
        byClientId.computeIfPresent(client.clientId(), (clientId, current) -> {
            if (current != client || !client.evictIfIdle()) {
                return current;
            }
            // Raised before the state leaves the map, and its outbox gives no more seqs: see the class comment.
            seqCeiling.accumulateAndGet(client.outbox().lastAssignedSeq(), Math::max);
            if (client.outbox().highestTaken() > 0) {
                takenBeforeEviction.mark(clientId);
            }
            evicted[0] = true;
            return null;
        });
        if (evicted[0]) {
            idleEvicted.accept(client.clientId());
        }
    }

    private ClientState created(String clientId) {
        long floor = Math.max(SeqFloor.at(System.currentTimeMillis()), seqCeiling.get());
        Outbox outbox = newOutbox(floor);
        if (takenBeforeEviction.mayInclude(clientId)) {
            outbox.takenUpTo(floor);
        }
        return new ClientState(clientId, outbox, this);
    }

    private Outbox newOutbox(long lastAssignedSeq) {
        return new Outbox(config.outboxMaxMessages(), config.outboxMaxBytes(), lastAssignedSeq, statistics, sizes);
    }
}
