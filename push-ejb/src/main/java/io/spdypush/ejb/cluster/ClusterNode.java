package io.spdypush.ejb.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.spdypush.api.Delivery;
import io.spdypush.api.PushConnection;
import io.spdypush.api.PushMessage;
import io.spdypush.api.SessionInfo;
import io.spdypush.api.TopicInfo;
import io.spdypush.ejb.ClusterStatus;
import io.spdypush.ejb.DeliveryOutcome;
import io.spdypush.ejb.NodeStatus;
import io.spdypush.ejb.delivery.HandOver;
import io.spdypush.ejb.delivery.MessageStore;
import io.spdypush.ejb.delivery.PushAdapter;
import io.spdypush.ejb.delivery.Receipts;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This server as a node of a cluster, when {@code spdypush.cluster} is true: several servers on Payara's own data
 * grid (Hazelcast, found in JNDI at {@code payara/Hazelcast}) serve as one push service. Each client has one home,
 * the node that holds its outbox and session ({@link ClientHomes}); a message sent on any node reaches it there
 * ({@link ClusterRouting}, taken through {@link ClusterRoute}); the stored messages live in the one database all
 * nodes share. Off by default: a single server needs none of it.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClusterNode {

    static final String CLUSTER_PROPERTY = "spdypush.cluster";
    static final String GRID_JNDI_NAME = "payara/Hazelcast";
    static final String QUORUM_PROPERTY = "spdypush.clusterQuorum";
    static final String IDLE_HOME_PROPERTY = "spdypush.clusterIdleHomeSeconds";
    private static final Logger LOG = Logger.getLogger(ClusterNode.class.getName());
    /** Far longer than a send takes from its store to its hand-over, call timeouts included. */
    private static final Duration ORPHANED_AFTER = Duration.ofMinutes(5);

    @Inject
    @ConfigProperty(name = CLUSTER_PROPERTY, defaultValue = "false")
    private boolean clustered;

    @Inject
    @ConfigProperty(name = "spdypush.clusterCallTimeoutSeconds", defaultValue = "10")
    private int callTimeoutSeconds;

    @Inject
    @ConfigProperty(name = QUORUM_PROPERTY, defaultValue = "1")
    private int quorum;

    @Inject
    @ConfigProperty(name = IDLE_HOME_PROPERTY, defaultValue = "3600")
    private long idleHomeSeconds;

    @Inject
    private PushAdapter adapter;

    @Inject
    private HandOver handOver;

    @Inject
    private ClusterRoute route;

    @Inject
    private Receipts receipts;

    @EJB
    private MessageStore store;

    @Resource
    private ManagedExecutorService executor;

    @Resource
    private ContextService contextService;

    /**
     * Runs what the grid's threads hand over ({@link #executor} with this application's context): a managed executor
     * takes the context of the thread that submits, and a grid thread has none, so a task it submitted straight away
     * ran without the application's naming context. The first use of a CDI bean in such a task created the bean
     * without its {@code @EJB} references, for good: a node whose first {@code Receipts} came from another node's
     * outcomes refused every claim that took back stored messages ("this.cluster is null"). The proxy, made in
     * {@link #join}, submits under the context it was made in.
     */
    private Executor fromGrid;

    private HazelcastInstance grid;
    /** Built again, under this node's new member id, when it rejoins after a split ({@link #rejoinAfterMerge}). */
    private volatile NodeCalls calls;
    private volatile ClientHomes homes;
    private volatile ClusterRouting routing;
    private volatile ClusterQueries queries;
    private OutcomeBroadcast outcomes;
    private PushNodes pushNodes;
    private UUID lifecycleListener;
    private Quorum quorumRule;

    @PostConstruct
    void join() {
        if (!clustered) {
            route.use(null);
            return;
        }
        if (quorum < 1) {
            throw new IllegalStateException(QUORUM_PROPERTY + " is " + quorum + ": it must be 1 or more nodes");
        }
        if (idleHomeSeconds < 1) {
            throw new IllegalStateException(IDLE_HOME_PROPERTY + " is " + idleHomeSeconds + ": it must be 1 or more"
                    + " seconds");
        }
        Executor submit = executor::execute;
        fromGrid = contextService.createContextualProxy(submit, Executor.class);
        grid = lookUpGrid();
        pushNodes = new PushNodes(grid);
        quorumRule = new Quorum(quorum, pushNodes.count());
        buildAsMember();
        outcomes = new OutcomeBroadcast(grid, heard -> fromGrid.execute(() -> receipts.recordedElsewhere(heard)));
        outcomes.start();
        lifecycleListener = grid.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
                fromGrid.execute(this::rejoinAfterMerge);
            }
        });
        pushNodes.start(new PushNodes.NodeListener() {
            @Override
            public void joined(String node) {
                if (!node.equals(ClusterQueries.name(grid.getCluster().getLocalMember()))) {
                    LOG.log(Level.INFO, "Node {0} joined the push cluster", node);
                }
                fromGrid.execute(ClusterNode.this::nodesCounted);
            }

            @Override
            public void left(Member member, boolean wasPushNode) {
                calls.memberLeft(member.getUuid());
                fromGrid.execute(() -> nodeLeft(member, wasPushNode));
            }
        });
        adapter.call(connection -> {
            connection.joinCluster();
            return null;
        });
        LOG.log(Level.INFO, "This server is node {0} of a push cluster of {1} nodes (the data grid has {2} members)",
                new Object[]{grid.getCluster().getLocalMember(), pushNodes.count(),
                        grid.getCluster().getMembers().size()});
        giveUpHeldClients("it held from before it joined (its outbox file, or sessions opened meanwhile)");
        if (!quorumRule.isMet()) {
            LOG.log(Level.WARNING, "{0}: it serves no client until more nodes join (check that the nodes reach"
                    + " each other's data grid ports)", quorumRule.shortfall());
        }
    }

    /**
     * What knows this node by its member id (the grid's topic it is called on, the directory's entries) is built
     * with the current one, and the calls to it are listened to.
     */
    private void buildAsMember() {
        Duration timeout = Duration.ofSeconds(callTimeoutSeconds);
        NodeCalls built = new NodeCalls(grid, fromGrid, new Answers(), timeout);
        homes = new ClientHomes(grid, adapter, built, this::takeBackStored, timeout, quorumRule,
                Duration.ofSeconds(idleHomeSeconds));
        routing = new ClusterRouting(pushNodes, adapter, homes, built, quorumRule);
        route.use(routing);
        queries = new ClusterQueries(grid, pushNodes, adapter, homes, built);
        built.start();
        calls = built;
        // Called only once it answers its calls.
        pushNodes.join();
    }

    /**
     * The grid healed a split: this node, on the smaller side, joined the larger one under a new member id. The
     * directory's entries under its old id now name a node that is gone, so the other nodes take its clients
     * (with their stored messages) when they come; it gives up every client it held, ending their sessions, and
     * is known by its new id from now on.
     */
    private synchronized void rejoinAfterMerge() {
        NodeCalls old = calls;
        buildAsMember();
        old.stop();
        giveUpHeldClients("it held, as it rejoined the push cluster after a split as "
                + grid.getCluster().getLocalMember());
    }

    /**
     * Gives up every client the adapter holds, ending their sessions: the directory does not name this node (under
     * its member id now) their home, so a session would open here unclaimed while messages to the client went to
     * the node the directory names. Their stored messages wait in the database for the node each connects to.
     */
    private void giveUpHeldClients(String which) {
        List<String> held = adapter.call(PushConnection::heldClients);
        if (held.isEmpty()) {
            return;
        }
        LOG.log(Level.WARNING, "This node gives up the {0} clients {1}; they are claimed again where they connect",
                new Object[]{held.size(), which});
        held.forEach(clientId -> adapter.call(connection -> connection.handOffClient(clientId)));
    }

    @PreDestroy
    void leave() {
        if (grid == null) {
            return;
        }
        grid.getLifecycleService().removeLifecycleListener(lifecycleListener);
        try {
            pushNodes.stop();
        } catch (RuntimeException e) {
            // The grid may be shutting down already; the other nodes take this one out when it leaves the grid.
            // What follows must run all the same: it ends this node's calls and listeners.
            LOG.log(Level.FINE, "Could not take this node out of the push nodes", e);
        }
        outcomes.stop();
        calls.stop();
    }

    /**
     * A member left the grid: when it was a push node its clients reconnect to the others. Its homes in the
     * directory are forgotten whether it was or not: a node that died before this one read it had some.
     */
    private void nodeLeft(Member member, boolean wasPushNode) {
        boolean pushNode = wasPushNode;
        try {
            pushNode = pushNodes.forget(member.getUuid()) || wasPushNode;
        } catch (RuntimeException e) {
            // Its entry is ignored anyway, the member being gone; its homes must still be forgotten.
            LOG.log(Level.FINE, "Could not take " + member + " out of the push nodes", e);
        }
        int nodes = pushNodes.count();
        if (pushNode) {
            LOG.log(Level.WARNING, "Node {0} left the push cluster; {1} nodes now. Its clients reconnect to the"
                    + " others, which take back their stored messages", new Object[]{member, nodes});
        } else {
            LOG.log(Level.INFO, "Member {0} left the data grid; {1} push nodes now", new Object[]{member, nodes});
        }
        if (quorumRule.nodesSeen(nodes)) {
            homes.forget(member.getUuid());
        } else {
            endEverySession();
        }
    }

    /** Counts the push nodes again, and says so when that is the quorum again. */
    private void nodesCounted() {
        boolean wasMet = quorumRule.isMet();
        int nodes = pushNodes.count();
        if (quorumRule.nodesSeen(nodes) && !wasMet) {
            LOG.log(Level.INFO, "This node sees {0} nodes of the cluster again, as many as {1} asks: it serves"
                    + " clients", new Object[]{nodes, QUORUM_PROPERTY});
        }
    }

    /**
     * Below the quorum this node may be the smaller side of a split cluster: the other side may take its clients,
     * so it gives up every client online here, ending its session. A client that comes back here must be claimed
     * again, which this node refuses until it sees enough nodes; its stored messages wait in the database.
     */
    private void endEverySession() {
        List<SessionInfo> online = adapter.call(connection -> connection.sessions("", 0, Integer.MAX_VALUE));
        LOG.log(Level.SEVERE, "{0}; ending the {1} sessions of this node, whose clients reconnect to the nodes that"
                + " see enough of the cluster", new Object[]{quorumRule.shortfall(), online.size()});
        online.forEach(session -> adapter.call(connection -> connection.handOffClient(session.clientId())));
    }

    /** Why this node serves no client now, or empty when it does (or is no node of a cluster). */
    public Optional<String> belowQuorum() {
        return quorumRule == null || quorumRule.isMet() ? Optional.empty() : Optional.of(quorumRule.shortfall());
    }

    /** Whether this server is a node of a cluster. */
    public boolean isClustered() {
        return routing != null;
    }

    /** This node's name, its data grid address; empty when not clustered. */
    public Optional<String> nodeName() {
        return grid == null ? Optional.empty() : Optional.of(ClusterQueries.name(grid.getCluster().getLocalMember()));
    }

    /** The nodes and their figures; empty when not clustered. */
    public Optional<ClusterStatus> status() {
        return queries == null ? Optional.empty() : Optional.of(queries.status());
    }

    /** The sessions of every node whose client id starts with the prefix, ordered by client id, one page of them. */
    public Optional<List<SessionInfo>> sessions(String clientIdPrefix, int offset, int limit) {
        return queries == null ? Optional.empty() : Optional.of(queries.sessions(clientIdPrefix, offset, limit));
    }

    /** The client's session wherever it is; empty when not clustered. */
    public Optional<Optional<SessionInfo>> session(String clientId) {
        return queries == null ? Optional.empty() : Optional.of(queries.session(clientId));
    }

    /** Ends the client's session wherever it is; empty when not clustered, else whether it was online. */
    public Optional<Boolean> disconnect(String clientId) {
        return queries == null ? Optional.empty() : Optional.of(queries.disconnect(clientId));
    }

    /** Takes the message out of the client's outbox wherever it is; empty when not clustered, else whether it was there. */
    public Optional<Boolean> cancel(String clientId, String messageId) {
        return queries == null ? Optional.empty() : Optional.of(queries.cancel(clientId, messageId));
    }

    /** The topics of every node whose name starts with the prefix, subscribers added up, one page of them. */
    public Optional<List<TopicInfo>> topics(String namePrefix, int offset, int limit) {
        return queries == null ? Optional.empty() : Optional.of(queries.topics(namePrefix, offset, limit));
    }

    /** Tells the other nodes of outcomes this node recorded, for their waiters; nothing when not clustered. */
    public void recorded(List<DeliveryOutcome> recorded) {
        if (outcomes != null) {
            outcomes.recorded(recorded);
        }
    }

    /**
     * Makes this node the home of each client, as sessions of them open here.
     *
     * @return the clients it could not claim, each with why
     */
    public Map<String, RuntimeException> claim(List<String> clientIds) {
        if (homes == null) {
            throw new IllegalStateException("this server is no node of a cluster (" + CLUSTER_PROPERTY + ")");
        }
        return homes.claim(clientIds);
    }

    /** This node forgot these clients, idle: the directory forgets their homes later (see ClientHomes). */
    public void forgotten(List<String> clientIds) {
        if (homes != null) {
            homes.forgotten(clientIds);
        }
    }

    /** As the clients' new home, takes back their stored messages (see {@link HandOver#handBackPendingOf}). */
    private void takeBackStored(Collection<String> clientIds, Predicate<String> takeAgain) {
        handOver.handBackPendingOf(clientIds, ORPHANED_AFTER, takeAgain);
    }

    private static HazelcastInstance lookUpGrid() {
        try {
            return (HazelcastInstance) new InitialContext().lookup(GRID_JNDI_NAME);
        } catch (NamingException | ClassCastException e) {
            throw new IllegalStateException(CLUSTER_PROPERTY + " is true, but the server's data grid is not at "
                    + GRID_JNDI_NAME + " (" + e + "): start Payara Micro without --nohazelcast, or Payara Server"
                    + " with its Domain Data Grid enabled", e);
        }
    }

    /** What this node answers other nodes: through its routing, on the executor's threads. */
    private final class Answers implements NodeCalls.Answers {

        @Override
        public List<Delivery> send(PushMessage message) {
            return routing.sendHere(message);
        }

        @Override
        public List<Delivery> fanOut(PushMessage message) {
            return routing.fanOutHere(message);
        }

        @Override
        public byte[] handOff(String clientId) {
            return routing.handOff(clientId);
        }

        @Override
        public NodeStatus status() {
            return queries.statusHere();
        }

        @Override
        public List<SessionInfo> sessions(String clientIdPrefix, int limit) {
            return queries.sessionsHere(clientIdPrefix, limit);
        }

        @Override
        public Optional<SessionInfo> session(String clientId) {
            return queries.sessionHere(clientId);
        }

        @Override
        public boolean disconnect(String clientId) {
            return queries.disconnectHere(clientId);
        }

        @Override
        public boolean cancel(String clientId, String messageId) {
            return queries.cancelHere(clientId, messageId);
        }

        @Override
        public List<TopicInfo> topics(String namePrefix, int limit) {
            return queries.topicsHere(namePrefix, limit);
        }
    }
}
