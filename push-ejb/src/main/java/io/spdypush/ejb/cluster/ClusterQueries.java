package io.spdypush.ejb.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.spdypush.api.AdapterStatus;
import io.spdypush.api.SessionInfo;
import io.spdypush.api.TopicInfo;
import io.spdypush.ejb.ClusterStatus;
import io.spdypush.ejb.NodeStatus;
import io.spdypush.ejb.delivery.PushAdapter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the management pages and the REST API ask of the whole cluster: each node's figures, the sessions and
 * topics of every node, one client's session wherever it is, and ending it there. Each node answers for itself
 * ({@link NodeCalls}); a node that does not answer in time is left out of lists, and shown as silent in the
 * status.
 */
final class ClusterQueries {

    private static final Logger LOG = Logger.getLogger(ClusterQueries.class.getName());

    private final PushNodes nodes;
    private final PushAdapter adapter;
    private final ClientHomes homes;
    private final NodeCalls calls;
    private final String self;

    ClusterQueries(HazelcastInstance grid, PushNodes nodes, PushAdapter adapter, ClientHomes homes, NodeCalls calls) {
        this.nodes = nodes;
        this.adapter = adapter;
        this.homes = homes;
        this.calls = calls;
        this.self = name(grid.getCluster().getLocalMember());
    }

    /** A node's name: its data grid address. */
    static String name(Member member) {
        return member.getAddress().getHost() + ":" + member.getAddress().getPort();
    }

    ClusterStatus status() {
        Map<Member, CompletableFuture<NodeStatus>> asked = ask(calls::status, this::statusHere);
        List<NodeStatus> nodes = new ArrayList<>();
        asked.forEach((member, answer) -> nodes.add(answered(member, answer, NodeStatus.silent(name(member)))));
        nodes.sort(Comparator.comparing(NodeStatus::node));
        return ClusterStatus.of(homes.size(), nodes);
    }

    /** Every node's sessions whose client id starts with the prefix, by client id, from {@code offset}. */
    List<SessionInfo> sessions(String clientIdPrefix, int offset, int limit) {
        int wanted = (int) Math.min(Integer.MAX_VALUE, (long) offset + limit);
        Map<Member, CompletableFuture<List<SessionInfo>>> asked = ask(
                node -> calls.sessions(node, clientIdPrefix, wanted), () -> sessionsHere(clientIdPrefix, wanted));
        List<SessionInfo> all = new ArrayList<>();
        asked.forEach((member, answer) -> all.addAll(answered(member, answer, List.of())));
        return all.stream().sorted(Comparator.comparing(SessionInfo::clientId)).skip(offset).limit(limit).toList();
    }

    /** The client's session, on its home node. */
    Optional<SessionInfo> session(String clientId) {
        return atHome(clientId, node -> calls.session(node, clientId), () -> sessionHere(clientId), Optional.empty());
    }

    /** Ends the client's session on its home node; whether it was online. */
    boolean disconnect(String clientId) {
        return atHome(clientId, node -> calls.disconnect(node, clientId), () -> disconnectHere(clientId), false);
    }

    /** Takes the message out of the client's outbox on its home node; whether it was there. */
    boolean cancel(String clientId, String messageId) {
        return atHome(clientId, node -> calls.cancel(node, clientId, messageId), () -> cancelHere(clientId, messageId),
                false);
    }

    /** The topics of every node whose name starts with the prefix, subscribers added up, by name, from {@code offset}. */
    List<TopicInfo> topics(String namePrefix, int offset, int limit) {
        int wanted = (int) Math.min(Integer.MAX_VALUE, (long) offset + limit);
        Map<Member, CompletableFuture<List<TopicInfo>>> asked = ask(node -> calls.topics(node, namePrefix, wanted),
                () -> topicsHere(namePrefix, wanted));
        Map<String, Integer> subscribers = new LinkedHashMap<>();
        asked.forEach((member, answer) -> answered(member, answer, List.<TopicInfo>of())
                .forEach(topic -> subscribers.merge(topic.name(), topic.subscribers(), Integer::sum)));
        return subscribers.entrySet().stream().map(entry -> new TopicInfo(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparing(TopicInfo::name)).skip(offset).limit(limit).toList();
    }

    /** This node's figures. */
    NodeStatus statusHere() {
        AdapterStatus status = adapter.call(connection -> connection.status());
        return new NodeStatus(self, true, true, status.spdyPort(), status.sessionsOnline(), status.connections(),
                status.pendingMessages(), status.listening());
    }

    List<SessionInfo> sessionsHere(String clientIdPrefix, int limit) {
        return adapter.call(connection -> connection.sessions(clientIdPrefix, 0, limit)).stream()
                .map(session -> session.onNode(self)).toList();
    }

    Optional<SessionInfo> sessionHere(String clientId) {
        return adapter.call(connection -> connection.session(clientId)).map(session -> session.onNode(self));
    }

    boolean disconnectHere(String clientId) {
        return adapter.call(connection -> connection.disconnect(clientId));
    }

    boolean cancelHere(String clientId, String messageId) {
        return adapter.call(connection -> connection.cancel(clientId, messageId));
    }

    List<TopicInfo> topicsHere(String namePrefix, int limit) {
        return adapter.call(connection -> connection.topics(namePrefix, 0, limit));
    }

    /** Asks every other push node at once, this one meanwhile. */
    private <T> Map<Member, CompletableFuture<T>> ask(Function<UUID, CompletableFuture<T>> remote,
                                                      Supplier<T> local) {
        Map<Member, CompletableFuture<T>> asked = new LinkedHashMap<>();
        for (Member member : nodes.members()) {
            asked.put(member, member.localMember() ? null : remote.apply(member.getUuid()));
        }
        asked.replaceAll((member, answer) -> answer != null ? answer : CompletableFuture.completedFuture(local.get()));
        return asked;
    }

    /** Asks the client's home, this node's adapter when it is the home; {@code none} when it has no home. */
    private <T> T atHome(String clientId, Function<UUID, CompletableFuture<T>> remote, Supplier<T> local, T none) {
        UUID home = homes.homesOf(List.of(clientId)).get(clientId);
        if (home == null) {
            return none;
        }
        if (homes.isSelf(home)) {
            return local.get();
        }
        return answered(home.toString(), remote.apply(home), none);
    }

    private static <T> T answered(Member member, CompletableFuture<T> answer, T silent) {
        return answered(name(member), answer, silent);
    }

    private static <T> T answered(String node, CompletableFuture<T> answer, T silent) {
        try {
            return answer.get();
        } catch (ExecutionException e) {
            LOG.log(Level.FINE, "Node {0} did not answer: {1}", new Object[]{node, e.getCause().toString()});
            return silent;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return silent;
        }
    }
}
