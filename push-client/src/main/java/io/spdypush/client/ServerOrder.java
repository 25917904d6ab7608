package io.spdypush.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The order in which one client tries the nodes of a cluster: a random order of its own, gone through in turn.
 * Its first connection goes to a node picked at random, so that many clients spread over the nodes; and when a
 * node dies, each of its clients moves to a node picked at random among the others, so that they spread over the
 * survivors. Were every client to go through the list as given, all the clients of a node that died would move
 * to the node after it in the list, doubling that one's load while the others take none.
 */
final class ServerOrder {

    private final List<ServerAddress> order;
    private int next;

    ServerOrder(List<ServerAddress> servers, Random random) {
        List<ServerAddress> shuffled = new ArrayList<>(servers);
        Collections.shuffle(shuffled, random);
        this.order = List.copyOf(shuffled);
    }

    /** The server of the next attempt: each server once, in this client's order, then again from its first. */
    ServerAddress next() {
        ServerAddress server = order.get(next);
        next = (next + 1) % order.size();
        return server;
    }

    int size() {
        return order.size();
    }

    @Override
    public String toString() {
        return order.toString();
    }
}
