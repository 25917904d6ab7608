package io.spdypush.ejb.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.impl.proxy.MapProxyImpl;
import com.hazelcast.query.Predicates;
import io.spdypush.api.TakeoverThrottledException;
import io.spdypush.ejb.delivery.PushAdapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The cluster's directory of client homes, in the data grid: which node holds each client's outbox and session.
 * A node becomes a client's home by a claim. A client no node is home of (new to the cluster, or its home died)
 * costs one write to the directory ({@code putIfAbsent}). Any other claim runs under the grid's lock on the
 * client id: the previous home, when it is alive, hands the client's outbox off (ending its session there); when
 * it is gone, the new home starts the client afresh above every seq it can have had. Either way the new home then
 * takes back the client's stored messages still pending from the shared database, for many clients in one query:
 * those the outbox holds keep their seqs, and those it lacks (a claimer died between a hand-off and writing
 * itself here) are not left behind. Entries of a node that left are removed as soon as the grid says so.
 */
final class ClientHomes {

    static final String MAP = "spdypush-client-homes";
    private static final Logger LOG = Logger.getLogger(ClientHomes.class.getName());
    /** Longer than any claim takes; a node that dies holding a lock loses it with its membership anyway. */
    private static final long LOCK_LEASE_SECONDS = 30;
    /** A time to live that does not end: replaces the one an idle client's entry was given. */
    private static final long FOR_GOOD = 0;

    private final HazelcastInstance grid;
    private final IMap<String, String> homes;
    private final String self;
    private final PushAdapter adapter;
    private final NodeCalls calls;
    private final StoredMessages stored;
    private final Duration timeout;
    private final Quorum quorum;
    private final Duration idleHomeKept;
    /** The nodes that left while this one ran, each with the removal of its homes from the directory. */
    private final Map<UUID, CompletableFuture<Void>> nodesForgotten = new ConcurrentHashMap<>();

    /** The clients' stored messages still pending in the database all nodes share. */
    @FunctionalInterface
    interface StoredMessages {

        /**
         * Hands the clients' stored messages still pending to this node's adapter, each under the seq it was given
         * before.
         *
         * @param takeAgain makes this node a client's home again when its adapter holds nothing for it any more;
         *                  returns whether this node is its home
         */
        void takeBack(Collection<String> clientIds, Predicate<String> takeAgain);
    }

    /**
     * @param stored  the stored messages a new home takes back
     * @param timeout        how long a claim may wait for the client's lock and for the previous home
     * @param quorum         below which this node claims no client
     * @param idleHomeKept   how long the home of a client this node forgot, idle, stays in the directory
     */
    ClientHomes(HazelcastInstance grid, PushAdapter adapter, NodeCalls calls, StoredMessages stored,
                Duration timeout, Quorum quorum, Duration idleHomeKept) {
        this.grid = grid;
        // It holds only strings, and no listener of the application.
        this.homes = OutsideTheApplication.make("directory of client homes", () -> grid.getMap(MAP));
        this.self = grid.getCluster().getLocalMember().getUuid().toString();
        this.adapter = adapter;
        this.calls = calls;
        this.stored = stored;
        this.timeout = timeout;
        this.quorum = quorum;
        this.idleHomeKept = idleHomeKept;
    }

    /** The homes of these clients that are nodes of the cluster now, by client id; clients without one are left out. */
    Map<String, UUID> homesOf(Collection<String> clientIds) {
        Set<UUID> members = members();
        return homes.getAll(Set.copyOf(clientIds)).entrySet().stream()
                .filter(entry -> members.contains(UUID.fromString(entry.getValue())))
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> UUID.fromString(entry.getValue())));
    }

    boolean isSelf(UUID node) {
        return self.equals(node.toString());
    }

    /**
     * Makes this node the home of each client, from wherever it is now: sessions of them are opening here.
     *
     * @return the clients it could not claim, each with why (a {@link TakeoverThrottledException} for a client whose
     *         sessions were taken over too often lately)
     */
    Map<String, RuntimeException> claim(Collection<String> clientIds) {
        quorum.require();
        Map<String, RuntimeException> notClaimed = new HashMap<>();
        List<String> taken = new ArrayList<>();
        for (String clientId : clientIds) {
            try {
                take(clientId, null);
                taken.add(clientId);
            } catch (RuntimeException e) {
                notClaimed.put(clientId, e);
            }
        }
        Map<String, String> homesBefore = writeHomes(taken, notClaimed);
        claimFromNodesGone(homesBefore, notClaimed);
        List<String> claimedWithoutHome = new ArrayList<>();
        Map<String, String> homesGoneMeanwhile = claimFromHomes(homesBefore, claimedWithoutHome, notClaimed, true);
        // A node that dies is a member until the grid notices; a claim from it waits for that, and then fails.
        claimFromNodesGone(homesGoneMeanwhile, notClaimed);
        claimFromHomes(homesGoneMeanwhile, claimedWithoutHome, notClaimed, false);
        if (!claimedWithoutHome.isEmpty()) {
            try {
                stored.takeBack(claimedWithoutHome, this::claimIfHomeless);
            } catch (RuntimeException e) {
                // The directory must not name this node the home of clients whose stored messages it lacks: their
                // next claim takes them back.
                for (String clientId : claimedWithoutHome) {
                    homes.remove(clientId, self);
                    drop(clientId);
                    notClaimed.put(clientId, new IllegalStateException("their stored messages could not be taken"
                            + " back: " + e.getMessage(), e));
                }
            }
        }
        return notClaimed;
    }

    /**
     * Makes this node the client's home unless a live node other than this one is: a message is to be kept for a
     * client that has no home, or whose home is this node but holds nothing for it any more.
     *
     * @return whether this node is the client's home now
     */
    boolean claimIfHomeless(String clientId) {
        return claim(clientId, false);
    }

    /**
     * Lets the directory forget, after {@code idleHomeKept}, the homes on this node of clients it forgot, idle, so
     * that connecting or sending with ever new client ids does not grow it without bound. The entry is kept that
     * long rather than removed: while it names this node, the client's next home is handed off this node's seq
     * counter; once it is gone, the next home numbers from its clock (docs/PROTOCOL.md §2), which is then above
     * what this node gave unless the nodes' clocks differ by more. A claim writes the entry again, for good.
     * Clients claimed meanwhile, or claimed by a node right now, are left as they are.
     */
    void forgotten(Collection<String> clientIds) {
        for (String clientId : clientIds) {
            if (!homes.tryLock(clientId)) {
                continue;
            }
            try {
                if (self.equals(homes.get(clientId))
                        && !adapter.call(connection -> connection.holdsClient(clientId))) {
                    homes.set(clientId, self, idleHomeKept.toSeconds(), TimeUnit.SECONDS);
                }
            } finally {
                homes.unlock(clientId);
            }
        }
    }

    /** How many client ids the directory knows the home of. */
    int size() {
        return homes.size();
    }

    /**
     * Forgets the homes on a node that left the cluster: its clients are homeless until they come back. Once per
     * node here, the callers that come meanwhile waiting for it: the grid's report and the first claims of the
     * node's clients each ask, and the removal scans the whole directory. A node gone never writes again, so its
     * entries are gone for good.
     */
    void forget(UUID node) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> forgetting = nodesForgotten.putIfAbsent(node, mine);
        if (forgetting != null) {
            forgetting.join();
            return;
        }
        try {
            homes.removeAll(Predicates.equal("this", node.toString()));
            mine.complete(null);
        } catch (RuntimeException e) {
            nodesForgotten.remove(node, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * Claims the clients (taken by the adapter already) that no node is home of, with one write each to the
     * directory, outside their locks. The adapter takes a client first, so that a claim by another node right
     * after the write hands this state off (ending the session about to open here) rather than finding nothing to
     * hand off. A write waits for a claim under the lock to end, and then fails. The writes go out together: one
     * after another, each waiting for its answer, a node of this 2-core machine claimed about 150 clients a
     * second, and a crowd of clients (those of a node that died) waited in line for tens of seconds.
     *
     * @return by client, in order, the home each had (null: this node is its home now); a client whose write
     *         failed is given up and in {@code notClaimed} instead
     */
    private Map<String, String> writeHomes(List<String> clientIds, Map<String, RuntimeException> notClaimed) {
        Map<String, CompletableFuture<String>> writes = new LinkedHashMap<>();
        for (String clientId : clientIds) {
            try {
                writes.put(clientId, putIfAbsent(clientId));
            } catch (RuntimeException e) {
                drop(clientId);
                notClaimed.put(clientId, e);
            }
        }
        Map<String, String> homesBefore = new LinkedHashMap<>();
        writes.forEach((clientId, write) -> {
            try {
                homesBefore.put(clientId, write.get());
            } catch (ExecutionException e) {
                drop(clientId);
                notClaimed.put(clientId, e.getCause() instanceof RuntimeException cause ? cause
                        : new IllegalStateException(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                drop(clientId);
                notClaimed.put(clientId, new IllegalStateException("interrupted while claiming client " + clientId,
                        e));
            }
        });
        return homesBefore;
    }

    /**
     * Claims each client that has a home under its lock: from that home when it is another node, or, when it is
     * this one, writing the entry again for good (it may be one kept for a while for a client this node forgot,
     * idle); adds those without a home to {@code claimedWithoutHome}, and those at home here too. The adapter holds
     * nothing for a client it asks to claim, so an entry naming this node is either such a kept one or this
     * claim's own write: the grid may run a {@code putIfAbsent} twice when a member leaves while it is under way
     * (the retry then answers with the value the first run wrote). Either way the client's stored messages are
     * taken back; taken to be a home of old, five clients of a killed node were back on another without their
     * stored message in a ClusterBench run.
     *
     * @param skipGone whether to leave the clients whose home left the cluster meanwhile for a claim as new
     * @return the clients left, by client, with their home
     */
    private Map<String, String> claimFromHomes(Map<String, String> homesBefore, List<String> claimedWithoutHome,
                                               Map<String, RuntimeException> notClaimed, boolean skipGone) {
        Map<String, String> homesGone = new LinkedHashMap<>();
        homesBefore.forEach((clientId, home) -> {
            if (home == null) {
                claimedWithoutHome.add(clientId);
            } else if (home.equals(self)) {
                try {
                    claim(clientId, true);
                    claimedWithoutHome.add(clientId);
                } catch (RuntimeException e) {
                    notClaimed.put(clientId, e);
                }
            } else if (skipGone && !members().contains(UUID.fromString(home))) {
                homesGone.put(clientId, home);
            } else {
                try {
                    claim(clientId, true);
                } catch (RuntimeException e) {
                    notClaimed.put(clientId, e);
                }
            }
        });
        return homesGone;
    }

    private CompletableFuture<String> putIfAbsent(String clientId) {
        // IMap has no asynchronous putIfAbsent (Hazelcast 5.3 to 5.7); Hazelcast's own map proxy, which the grid
        // hands out, does.
        if (homes instanceof MapProxyImpl<String, String> proxy) {
            return proxy.putIfAbsentAsync(clientId, self);
        }
        return CompletableFuture.completedFuture(homes.putIfAbsent(clientId, self));
    }

    /**
     * The clients whose home is a node that left the cluster are homeless: the directory forgets that node's
     * entries, as every node does once the grid tells it the node left (which may come after its clients are
     * back), and they are claimed as new, their stored messages taken back with the batch's. Claimed under their
     * locks instead, one after another, each took four grid calls and a query.
     */
    private void claimFromNodesGone(Map<String, String> homesBefore, Map<String, RuntimeException> notClaimed) {
        Set<UUID> members = members();
        Set<String> gone = homesBefore.values().stream()
                .filter(home -> home != null && !members.contains(UUID.fromString(home)))
                .collect(Collectors.toSet());
        if (gone.isEmpty()) {
            return;
        }
        try {
            gone.forEach(node -> forget(UUID.fromString(node)));
        } catch (RuntimeException e) {
            // Their claims under the lock treat a home that is no member as gone, one by one.
            LOG.log(Level.WARNING, "Could not forget the clients of the nodes " + gone + ", which left the cluster;"
                    + " their clients are claimed one by one", e);
            return;
        }
        List<String> homeless = homesBefore.entrySet().stream().filter(entry -> gone.contains(entry.getValue()))
                .map(Map.Entry::getKey).toList();
        homeless.forEach(homesBefore::remove);
        homesBefore.putAll(writeHomes(homeless, notClaimed));
    }

    private boolean claim(String clientId, boolean fromAnyHome) {
        try {
            return claimUnderLock(clientId, fromAnyHome);
        } catch (RuntimeException e) {
            drop(clientId);
            throw e;
        }
    }

    private boolean claimUnderLock(String clientId, boolean fromAnyHome) {
        quorum.require();
        try {
            if (!homes.tryLock(clientId, timeout.toMillis(), TimeUnit.MILLISECONDS, LOCK_LEASE_SECONDS,
                    TimeUnit.SECONDS)) {
                throw new IllegalStateException("client " + clientId + " is being claimed by another node for more"
                        + " than " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while claiming client " + clientId, e);
        }
        try {
            String home = homes.get(clientId);
            boolean homeAlive = home != null && members().contains(UUID.fromString(home));
            if (homeAlive && !home.equals(self) && !fromAnyHome) {
                return false;
            }
            if (home != null && home.equals(self)) {
                take(clientId, null);
            } else {
                take(clientId, homeAlive ? handOffForTakeover(UUID.fromString(home), clientId) : null);
                // A claimer that died between a hand-off and writing itself here left the home it took from
                // empty: the stored messages are in the database. Those the outbox holds keep their seqs.
                stored.takeBack(List.of(clientId), id -> {
                    take(id, null);
                    return true;
                });
            }
            homes.set(clientId, self, FOR_GOOD, TimeUnit.SECONDS);
            return true;
        } finally {
            homes.unlock(clientId);
        }
    }

    /**
     * Gives up what this node's adapter holds for a client it could not claim: a session opens on any state the
     * adapter holds, unclaimed, so only a home may hold one. Its at-least-once messages are stored with their
     * seqs, and the client's next claim takes them back.
     */
    private void drop(String clientId) {
        try {
            adapter.call(connection -> connection.handOffClient(clientId));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not give up the state of client " + clientId + ", which this node could"
                    + " not claim", e);
        }
    }

    private void take(String clientId, byte[] handedOff) {
        adapter.call(connection -> {
            connection.takeClient(clientId, handedOff, 0);
            return null;
        });
    }

    /** Only a claim for a session opening here takes a client from a live home, so that is a takeover there. */
    private byte[] handOffForTakeover(UUID home, String clientId) {
        try {
            return calls.handOff(home, clientId).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TakeoverThrottledException throttled) {
                throw throttled;
            }
            throw new IllegalStateException("node " + home + " did not hand off client " + clientId + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while claiming client " + clientId, e);
        }
    }

    private Set<UUID> members() {
        return grid.getCluster().getMembers().stream().map(Member::getUuid).collect(Collectors.toSet());
    }
}
