package io.spdypush.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ServerOrderTest {

    private static final List<ServerAddress> NODES = IntStream.rangeClosed(1, 5)
            .mapToObj(port -> new ServerAddress("127.0.0.1", 7070 + port)).toList();
    private static final int CLIENTS = 10_000;

    @Test
    void eachClientTriesEveryNodeOnceBeforeAnyAgain() {
        ServerOrder order = new ServerOrder(NODES, new Random(1));
        List<ServerAddress> firstRound = new ArrayList<>();
        for (int i = 0; i < NODES.size(); i++) {
            firstRound.add(order.next());
        }
        assertThat(firstRound, containsInAnyOrder(NODES.toArray()));
        assertThat(order.next(), is(firstRound.get(0)));
    }

    @Test
    void firstConnectionsSpreadOverTheNodes() {
        Random random = new Random(2);
        Map<ServerAddress, Integer> first = new HashMap<>();
        for (int i = 0; i < CLIENTS; i++) {
            first.merge(new ServerOrder(NODES, random).next(), 1, Integer::sum);
        }
        NODES.forEach(node -> assertThat(node + " got " + first.get(node), first.get(node), aboutAFifth()));
    }

    /** What the clients of a dead node do: each moves on from it to the next node in its own order. */
    @Test
    void theClientsOfADeadNodeSpreadOverTheOthers() {
        Random random = new Random(3);
        ServerAddress dead = NODES.get(2);
        Map<ServerAddress, Integer> movedTo = new HashMap<>();
        int moved = 0;
        while (moved < CLIENTS) {
            ServerOrder order = new ServerOrder(NODES, random);
            if (order.next().equals(dead)) {
                movedTo.merge(order.next(), 1, Integer::sum);
                moved++;
            }
        }
        assertThat(movedTo.containsKey(dead), is(false));
        NODES.stream().filter(node -> !node.equals(dead)).forEach(node -> assertThat(node + " got "
                + movedTo.get(node), movedTo.get(node), allOf(greaterThan(CLIENTS / 4 * 9 / 10),
                lessThan(CLIENTS / 4 * 11 / 10))));
    }

    private static org.hamcrest.Matcher<Integer> aboutAFifth() {
        return allOf(greaterThan(CLIENTS / 5 * 9 / 10), lessThan(CLIENTS / 5 * 11 / 10));
    }
}
