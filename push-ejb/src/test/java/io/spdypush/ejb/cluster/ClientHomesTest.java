package io.spdypush.ejb.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.spdypush.api.PushConnection;
import io.spdypush.ejb.delivery.PushAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

/** Claims in the directory of client homes (ClientHomes), on a real two-member Hazelcast grid on loopback. */
class ClientHomesTest {

    @RegisterExtension
    static final TwoNodeGrid grid = new TwoNodeGrid();

    @Test
    void aBatchOfNewClientsIsClaimedWholeAndItsStoredMessagesAreTakenBackInOneLook() {
        RecordingAdapter adapter = new RecordingAdapter();
        List<List<String>> takenBack = new CopyOnWriteArrayList<>();
        NodeCalls calls = calls(grid.first, "first");
        try {
            ClientHomes homes = homes(grid.first, adapter, calls, takenBack);
            List<String> clients = IntStream.range(0, 300).mapToObj(i -> "new-" + i + "-" + UUID.randomUUID())
                    .toList();

            assertThat(homes.claim(clients), is(anEmptyMap()));
            assertThat(takenBack, contains(clients));
            assertThat(adapter.taken.keySet().stream().toList(), is(clients));
            Map<String, UUID> expected = new HashMap<>();
            clients.forEach(client -> expected.put(client, grid.first.getCluster().getLocalMember().getUuid()));
            assertThat(homes.homesOf(clients), is(expected));
        } finally {
            calls.stop();
        }
    }

    @Test
    void aClientWhoseHomeIsTheOtherNodeIsTakenOverThereInTheSameBatch() {
        RecordingAdapter firstAdapter = new RecordingAdapter();
        NodeCalls firstCalls = calls(grid.first, "first");
        NodeCalls secondCalls = calls(grid.second, "second");
        try {
            ClientHomes first = homes(grid.first, firstAdapter, firstCalls, new CopyOnWriteArrayList<>());
            ClientHomes second = homes(grid.second, new RecordingAdapter(), secondCalls, new CopyOnWriteArrayList<>());
            String moving = "moving-" + UUID.randomUUID();
            String fresh = "fresh-" + UUID.randomUUID();
            assertThat(second.claim(List.of(moving)), is(anEmptyMap()));

            assertThat(first.claim(List.of(moving, fresh)), is(anEmptyMap()));
            UUID firstNode = grid.first.getCluster().getLocalMember().getUuid();
            assertThat(first.homesOf(List.of(moving, fresh)), is(Map.of(moving, firstNode, fresh, firstNode)));
            // The second node's answer to the hand-off (GridCallsTest.Answering) is what the first node took.
            assertThat(new String(firstAdapter.taken.get(moving)), is("second:" + moving));
        } finally {
            firstCalls.stop();
            secondCalls.stop();
        }
    }

    @Test
    void theClientsOfANodeThatLeftAreClaimedAsNewAndTheDirectoryForgetsThatNode() {
        List<List<String>> takenBack = new CopyOnWriteArrayList<>();
        NodeCalls calls = calls(grid.first, "first");
        try {
            ClientHomes homes = homes(grid.first, new RecordingAdapter(), calls, takenBack);
            IMap<String, String> directory = grid.first.getMap(ClientHomes.MAP);
            String gone = UUID.randomUUID().toString();
            String back = "back-" + UUID.randomUUID();
            String stillAway = "away-" + UUID.randomUUID();
            directory.put(back, gone);
            directory.put(stillAway, gone);

            assertThat(homes.claim(List.of(back)), is(anEmptyMap()));
            assertThat(takenBack, contains(List.of(back)));
            assertThat(directory.get(back), is(grid.first.getCluster().getLocalMember().getUuid().toString()));
            assertThat(directory.containsKey(stillAway), is(false));
        } finally {
            calls.stop();
        }
    }

    /**
     * The grid may run a {@code putIfAbsent} twice when a member leaves meanwhile, and answer with what the first run
     * wrote: a client the directory says is at home here already, which the adapter asks to claim because it holds
     * nothing for it, still has its stored messages taken back. Its entry, which may be one kept only a while for a
     * client this node forgot, idle, is written again for good: the client is online here.
     */
    @Test
    void aClientTheDirectoryAlreadySaysIsAtHomeHereHasItsStoredMessagesTakenBack() {
        List<List<String>> takenBack = new CopyOnWriteArrayList<>();
        RecordingAdapter adapter = new RecordingAdapter();
        NodeCalls calls = calls(grid.first, "first");
        try {
            ClientHomes homes = homes(grid.first, adapter, calls, takenBack);
            String self = grid.first.getCluster().getLocalMember().getUuid().toString();
            String written = "written-" + UUID.randomUUID();
            IMap<String, String> directory = grid.first.getMap(ClientHomes.MAP);
            directory.put(written, self, 1, TimeUnit.HOURS);

            assertThat(homes.claim(List.of(written)), is(anEmptyMap()));
            assertThat(takenBack, contains(List.of(written)));
            assertThat(adapter.taken.keySet().stream().toList(), contains(written));
            assertThat(directory.get(written), is(self));
            assertThat(directory.getEntryView(written).getTtl(), greaterThan(TimeUnit.HOURS.toMillis(1)));
        } finally {
            calls.stop();
        }
    }

    private static NodeCalls calls(HazelcastInstance member, String node) {
        NodeCalls calls = new NodeCalls(member, grid.executor, new GridCallsTest.Answering(node),
                Duration.ofSeconds(5));
        calls.start();
        return calls;
    }

    private static ClientHomes homes(HazelcastInstance member, PushAdapter adapter, NodeCalls calls,
                                     List<List<String>> takenBack) {
        return new ClientHomes(member, adapter, calls, (clientIds, takeAgain) -> takenBack.add(List.copyOf(clientIds)),
                Duration.ofSeconds(5), new Quorum(1, 2), Duration.ofMinutes(1));
    }

    /** An adapter that records the clients it is told to take, with what was handed off for each (empty: none). */
    private static final class RecordingAdapter extends PushAdapter {

        final Map<String, byte[]> taken = Collections.synchronizedMap(new LinkedHashMap<>());
        private final PushConnection connection = (PushConnection) Proxy.newProxyInstance(
                PushConnection.class.getClassLoader(), new Class<?>[] {PushConnection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("takeClient")) {
                        taken.put((String) args[0], args[1] == null ? new byte[0] : (byte[]) args[1]);
                    }
                    return method.getReturnType() == boolean.class ? false : null;
                });

        @Override
        public <T> T call(Function<PushConnection, T> work) {
            return work.apply(connection);
        }
    }
}
