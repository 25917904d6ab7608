package io.spdypush.ejb.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.ejb.delivery.HandOver;
import io.spdypush.ejb.delivery.MessageStore;
import io.spdypush.ejb.delivery.PushAdapter;
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
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This server as a node of a cluster, when {@code spdypush.cluster} is true: several servers on Payara's own data
 * grid (Hazelcast, found in JNDI at {@code payara/Hazelcast}) serve as one push service. Each client has one home,
 * the node that holds its outbox and session ({@link ClientHomes}); a message sent on any node reaches it there
 * ({@link ClusterRouting}); the stored messages live in the one database all nodes share. Off by default: a
 * single server needs none of it.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClusterNode {

    static final String CLUSTER_PROPERTY = "spdypush.cluster";
    static final String GRID_JNDI_NAME = "payara/Hazelcast";
    private static final Logger LOG = Logger.getLogger(ClusterNode.class.getName());

    @Inject
    @ConfigProperty(name = CLUSTER_PROPERTY, defaultValue = "false")
    private boolean clustered;

    @Inject
    @ConfigProperty(name = "spdypush.clusterCallTimeoutSeconds", defaultValue = "10")
    private int callTimeoutSeconds;

    @Inject
    private PushAdapter adapter;

    @Inject
    private HandOver handOver;

    @EJB
    private MessageStore store;

    @Resource
    private ManagedExecutorService executor;

    private HazelcastInstance grid;
    private NodeCalls calls;
    private ClientHomes homes;
    private ClusterRouting routing;
    private UUID membershipListener;

    @PostConstruct
    void join() {
        if (!clustered) {
            return;
        }
        grid = lookUpGrid();
        Duration timeout = Duration.ofSeconds(callTimeoutSeconds);
        calls = new NodeCalls(grid, executor, new Answers(), timeout);
        homes = new ClientHomes(grid, adapter, calls, this::takeBackStored, timeout);
        routing = new ClusterRouting(grid, adapter, homes, calls);
        calls.start();
        membershipListener = grid.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                LOG.log(Level.INFO, "Node {0} joined the push cluster; {1} nodes now",
                        new Object[]{event.getMember(), event.getMembers().size()});
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                LOG.log(Level.WARNING, "Node {0} left the push cluster; {1} nodes now. Its clients reconnect to the"
                        + " others, which take back their stored messages", new Object[]{event.getMember(),
                        event.getMembers().size()});
                calls.memberLeft(event.getMember().getUuid());
                executor.execute(() -> homes.forget(event.getMember().getUuid()));
            }
        });
        adapter.call(connection -> {
            connection.joinCluster();
            return null;
        });
        LOG.log(Level.INFO, "This server is node {0} of a push cluster of {1} nodes",
                new Object[]{grid.getCluster().getLocalMember(), grid.getCluster().getMembers().size()});
    }

    @PreDestroy
    void leave() {
        if (grid == null) {
            return;
        }
        grid.getCluster().removeMembershipListener(membershipListener);
        calls.stop();
    }

    /** Whether this server is a node of a cluster. */
    public boolean isClustered() {
        return routing != null;
    }

    /** Sends the message through the cluster, each copy to its client's home; empty when not clustered. */
    public Optional<List<Delivery>> send(PushMessage message) {
        return routing == null ? Optional.empty() : Optional.of(routing.send(message));
    }

    /** Makes this node the client's home, as a session of it opens here. */
    public void claim(String clientId) {
        if (homes == null) {
            throw new IllegalStateException("this server is no node of a cluster (" + CLUSTER_PROPERTY + ")");
        }
        homes.claim(clientId);
    }

    private void takeBackStored(String clientId) {
        store.pendingOf(clientId).forEach(handOver::handBack);
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
    }
}
