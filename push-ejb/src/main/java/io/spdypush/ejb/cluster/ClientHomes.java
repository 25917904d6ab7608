package io.spdypush.ejb.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.spdypush.ejb.delivery.PushAdapter;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The cluster's directory of client homes, in the data grid: which node holds each client's outbox and session.
 * A node becomes a client's home by a claim, under the grid's lock on the client id: the previous home, when it
 * is alive, hands the client's outbox off (ending its session there); when there was none or it is gone, the new
 * home starts the client afresh above every seq it can have had. Either way the new home then takes back the
 * client's stored messages still pending from the shared database: those the outbox holds keep their seqs, and
 * those it lacks (a claimer died between a hand-off and writing itself here) are not left behind. Entries of a node that left are removed as soon as the grid says so.
 */
final class ClientHomes {

    static final String MAP = "spdypush-client-homes";
    /** Longer than any claim takes; a node that dies holding a lock loses it with its membership anyway. */
    private static final long LOCK_LEASE_SECONDS = 30;

    private final HazelcastInstance grid;
    private final IMap<String, String> homes;
    private final String self;
    private final PushAdapter adapter;
    private final NodeCalls calls;
    private final Consumer<String> takeBackStored;
    private final Duration timeout;
    private final Quorum quorum;

    /**
     * @param takeBackStored hands the client's stored messages still pending to this node's adapter, each under
     *                       the seq it was given before
     * @param timeout        how long a claim may wait for the client's lock and for the previous home
     * @param quorum         below which this node claims no client
     */
    ClientHomes(HazelcastInstance grid, PushAdapter adapter, NodeCalls calls, Consumer<String> takeBackStored,
                Duration timeout, Quorum quorum) {
        this.grid = grid;
        this.homes = grid.getMap(MAP);
        this.self = grid.getCluster().getLocalMember().getUuid().toString();
        this.adapter = adapter;
        this.calls = calls;
        this.takeBackStored = takeBackStored;
        this.timeout = timeout;
        this.quorum = quorum;
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

    /** Makes this node the client's home, from wherever it is now: a session of the client is opening here. */
    void claim(String clientId) {
        claim(clientId, true);
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

    /** Forgets the homes on a node that left the cluster: its clients are homeless until they come back. */
    void forget(UUID node) {
        homes.removeAll(Predicates.equal("this", node.toString()));
    }

    private boolean claim(String clientId, boolean fromAnyHome) {
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
                adapter.call(connection -> {
                    connection.takeClient(clientId, null, 0);
                    return null;
                });
            } else if (homeAlive) {
                byte[] outbox = handOff(UUID.fromString(home), clientId);
                adapter.call(connection -> {
                    connection.takeClient(clientId, outbox, 0);
                    return null;
                });
                // A claimer that died between the hand-off and writing itself here left the home it took from
                // empty: the stored messages are in the database. Those the outbox holds keep their seqs.
                takeBackStored.accept(clientId);
            } else {
                adapter.call(connection -> {
                    connection.takeClient(clientId, null, 0);
                    return null;
                });
                takeBackStored.accept(clientId);
            }
            homes.set(clientId, self);
            return true;
        } finally {
            homes.unlock(clientId);
        }
    }

    private byte[] handOff(UUID home, String clientId) {
        try {
            return calls.handOff(home, clientId).get();
        } catch (ExecutionException e) {
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
