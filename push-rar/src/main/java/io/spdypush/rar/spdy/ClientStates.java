package io.spdypush.rar.spdy;

import io.spdypush.api.Expiration;
import io.spdypush.rar.outbox.Outbox;
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

    /** Forgets {@code client} when it is idle; called as it may have become so. */
    void evictIfIdle(ClientState client) {
        byClientId.computeIfPresent(client.clientId(), (clientId, current) -> {
            if (current != client || !client.evictIfIdle()) {
                return current;
            }
            // Raised before the state leaves the map, and its outbox gives no more seqs: see the class comment.
            seqCeiling.accumulateAndGet(client.outbox().lastAssignedSeq(), Math::max);
            if (client.outbox().highestTaken() > 0) {
                takenBeforeEviction.mark(clientId);
            }
            return null;
        });
    }

    private ClientState created(String clientId) {
        long floor = Math.max(SeqFloor.at(System.currentTimeMillis()), seqCeiling.get());
        Outbox outbox = new Outbox(config.outboxMaxMessages(), config.outboxMaxBytes(), floor, statistics, sizes);
        if (takenBeforeEviction.mayInclude(clientId)) {
            outbox.takenUpTo(floor);
        }
        return new ClientState(clientId, outbox, this);
    }
}
