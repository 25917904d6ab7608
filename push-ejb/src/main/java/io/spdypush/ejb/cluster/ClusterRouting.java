package io.spdypush.ejb.cluster;

import com.hazelcast.cluster.Member;
import io.spdypush.api.Audience;
import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.ejb.delivery.MessageStore;
import io.spdypush.ejb.delivery.PushAdapter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends a message from any node of the cluster: each client's copy goes to the adapter of the client's home (this
 * node's own, or another's over the grid), a client without a home gets this node; a message to a topic or to
 * everyone goes once to each node, which hands it to the sessions there. What each adapter answered comes back
 * per recipient, as on a single node.
 */
final class ClusterRouting {

    private static final Logger LOG = Logger.getLogger(ClusterRouting.class.getName());
    /** Rounds of routing for clients that moved to another node while their copy was on its way. */
    private static final int ROUNDS = 3;

    private final PushNodes nodes;
    private final PushAdapter adapter;
    private final ClientHomes homes;
    private final NodeCalls calls;
    private final Quorum quorum;

    ClusterRouting(PushNodes nodes, PushAdapter adapter, ClientHomes homes, NodeCalls calls, Quorum quorum) {
        this.nodes = nodes;
        this.adapter = adapter;
        this.homes = homes;
        this.calls = calls;
        this.quorum = quorum;
    }

    /**
     * Sends the message to each client of its audience, wherever its home is; below the quorum it refuses every
     * copy, as the clients are served by the other side of the split.
     */
    List<Delivery> send(PushMessage message) {
        if (!quorum.isMet()) {
            return MessageStore.recipients(message).stream()
                    .map(clientId -> Delivery.refused(clientId, message.id(), quorum.shortfall())).toList();
        }
        if (message.audience() instanceof Audience.Topic || message.audience() instanceof Audience.Everyone) {
            return everywhere(message);
        }
        Map<String, Delivery> deliveries = new LinkedHashMap<>();
        List<String> unrouted = recipients(message);
        unrouted.forEach(clientId -> deliveries.put(clientId, null));
        for (int round = 0; round < ROUNDS && !unrouted.isEmpty(); round++) {
            unrouted = routeOnce(message, unrouted, deliveries);
        }
        for (String clientId : unrouted) {
            deliveries.put(clientId, Delivery.refused(clientId, message.id(), "the client moved between nodes "
                    + ROUNDS + " times while the message was on its way; send it again"));
        }
        return List.copyOf(deliveries.values());
    }

    /**
     * What this node's adapter does with the copies for the clients whose home this node is, and for those that
     * have none: this node becomes theirs.
     */
    List<Delivery> sendHere(PushMessage messageHere) {
        List<Delivery> answered = new ArrayList<>(adapter.call(connection -> connection.send(messageHere)));
        for (int i = 0; i < answered.size(); i++) {
            Delivery delivery = answered.get(i);
            if (delivery.status() == Delivery.Status.NOT_HOME && homes.claimIfHomeless(delivery.clientId())) {
                answered.set(i, adapter.call(connection -> connection.send(to(messageHere,
                        List.of(delivery.clientId())))).get(0));
            }
        }
        return answered;
    }

    /** What this node's adapter does with a message to a topic or to everyone: the sessions here get it. */
    List<Delivery> fanOutHere(PushMessage message) {
        return adapter.call(connection -> connection.send(message));
    }

    /**
     * Stops being the client's home, for the node that claims it as a session of it opens there: a takeover if the
     * client is online here ({@link io.spdypush.api.PushConnection#handOffClientForTakeover}).
     */
    byte[] handOff(String clientId) {
        return adapter.call(connection -> connection.handOffClientForTakeover(clientId));
    }

    /**
     * Hands each copy to its client's home; returns the clients whose home answered NOT_HOME (they moved
     * meanwhile), and puts every other answer in {@code deliveries}.
     */
    private List<String> routeOnce(PushMessage message, List<String> clientIds, Map<String, Delivery> deliveries) {
        Map<String, UUID> known = homes.homesOf(clientIds);
        Map<UUID, List<String>> byHome = new HashMap<>();
        List<String> here = new ArrayList<>();
        for (String clientId : clientIds) {
            UUID home = known.get(clientId);
            if (home == null || homes.isSelf(home)) {
                here.add(clientId);
            } else {
                byHome.computeIfAbsent(home, node -> new ArrayList<>()).add(clientId);
            }
        }
        Map<UUID, CompletableFuture<List<Delivery>>> remote = new HashMap<>();
        byHome.forEach((node, clients) -> remote.put(node, calls.send(node, to(message, clients))));
        List<Delivery> answered = new ArrayList<>();
        if (!here.isEmpty()) {
            answered.addAll(sendHere(to(message, here)));
        }
        remote.forEach((node, call) -> answered.addAll(answers(node, call, message, byHome.get(node))));
        List<String> moved = new ArrayList<>();
        for (Delivery delivery : answered) {
            if (delivery.status() == Delivery.Status.NOT_HOME) {
                moved.add(delivery.clientId());
            } else {
                deliveries.put(delivery.clientId(), delivery);
            }
        }
        return moved;
    }

    /** A message to a topic or to everyone, handed once to each node for the sessions there. */
    private List<Delivery> everywhere(PushMessage message) {
        Map<UUID, CompletableFuture<List<Delivery>>> remote = new HashMap<>();
        for (Member member : nodes.members()) {
            if (!member.localMember()) {
                remote.put(member.getUuid(), calls.fanOut(member.getUuid(), message));
            }
        }
        List<Delivery> deliveries = new ArrayList<>(fanOutHere(message));
        remote.forEach((node, call) -> deliveries.addAll(answers(node, call, message, List.of())));
        return deliveries;
    }

    /** What another node answered, or a refusal for each of its clients when it did not. */
    private static List<Delivery> answers(UUID node, CompletableFuture<List<Delivery>> call, PushMessage message,
                                          List<String> clientIds) {
        try {
            return call.get();
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "Node {0} did not take message {1}: {2}",
                    new Object[]{node, message.id(), e.getCause().toString()});
            return clientIds.stream().map(clientId -> Delivery.refused(clientId, message.id(), "node " + node
                    + ", the client's home, did not answer: " + e.getCause().getMessage())).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending message " + message.id(), e);
        }
    }

    private static List<String> recipients(PushMessage message) {
        if (message.audience() instanceof Audience.Client one) {
            return List.of(one.clientId());
        }
        return ((Audience.Clients) message.audience()).clientIds().stream().distinct().toList();
    }

    /** The same message for these clients only. */
    private static PushMessage to(PushMessage message, List<String> clientIds) {
        Audience audience = clientIds.size() == 1 ? new Audience.Client(clientIds.get(0))
                : new Audience.Clients(clientIds);
        return new PushMessage(audience, message.id(), message.contentType(), message.payload(), message.expires(),
                message.collapseKey(), message.priority(), message.qos());
    }
}
