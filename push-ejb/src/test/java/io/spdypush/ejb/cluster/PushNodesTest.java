package io.spdypush.ejb.cluster;

import com.hazelcast.cluster.Member;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

/**
 * The push nodes among the members of a real grid: the first member runs a push node, the second is one that
 * runs none (the DAS of Payara Server, say) until a test makes it one.
 */
class PushNodesTest {

    @RegisterExtension
    static final TwoNodeGrid grid = new TwoNodeGrid();

    private final List<PushNodes> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopNodes() {
        started.forEach(PushNodes::stop);
    }

    @Test
    void aMemberThatRunsNoPushNodeIsNeitherCalledNorCounted() {
        PushNodes nodes = started(new PushNodes(grid.first));

        assertThat("the grid has both", grid.first.getCluster().getMembers().size(), is(2));
        assertThat(uuids(nodes.members()), contains(grid.first.getCluster().getLocalMember().getUuid()));
        assertThat(nodes.count(), is(1));
    }

    @Test
    void aNodeThatJoinsIsSeenByTheOthersAndANodeThatStartsSeesEveryOtherAtOnce() throws Exception {
        List<String> joined = new CopyOnWriteArrayList<>();
        PushNodes first = started(new PushNodes(grid.first), joined);
        assertThat("read once, before the second joins", first.count(), is(1));

        PushNodes second = started(new PushNodes(grid.second));

        Set<UUID> both = Set.of(grid.first.getCluster().getLocalMember().getUuid(),
                grid.second.getCluster().getLocalMember().getUuid());
        assertThat(eventually(() -> uuids(first.members()), both), is(both));
        assertThat(joined, hasItem(ClusterQueries.name(grid.second.getCluster().getLocalMember())));
        assertThat("a node that starts reads the nodes from the grid", uuids(new PushNodes(grid.first).members()),
                is(both));

        second.stop();
        started.remove(second);
        Set<UUID> firstOnly = Set.of(grid.first.getCluster().getLocalMember().getUuid());
        assertThat("a node that stops is no push node any more", eventually(() -> uuids(first.members()), firstOnly),
                is(firstOnly));
    }

    private PushNodes started(PushNodes nodes) {
        return started(nodes, new CopyOnWriteArrayList<>());
    }

    private PushNodes started(PushNodes nodes, List<String> joined) {
        nodes.start(new PushNodes.NodeListener() {
            @Override
            public void joined(String node) {
                joined.add(node);
            }

            @Override
            public void left(Member member, boolean wasPushNode) {
            }
        });
        nodes.join();
        started.add(nodes);
        return nodes;
    }

    private static Set<UUID> uuids(List<Member> members) {
        return members.stream().map(Member::getUuid).collect(Collectors.toSet());
    }

    /** What {@code read} gives once it is {@code expected}, or after ten seconds. */
    private static <T> T eventually(Supplier<T> read, T expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        T value = read.get();
        while (!value.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            value = read.get();
        }
        return value;
    }
}
