package io.spdypush.bench.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The sessions of one alternative transport by client id, each with its own seq counter, so that
 * a message carries a per-client seq as a push packet does (docs/PROTOCOL.md §2). Nothing is kept for a
 * client that is offline: these alternatives have no outbox, which is part of what is compared.
 */
final class Subscribers<S> {

    /** A session and its next seq. */
    record Subscriber<S>(S session, AtomicLong seq) {
    }

    private final Map<String, Subscriber<S>> byClient = new ConcurrentHashMap<>();

    void put(String clientId, S session) {
        byClient.put(clientId, new Subscriber<>(session, new AtomicLong()));
    }

    void remove(String clientId, S session) {
        byClient.computeIfPresent(clientId, (id, current) -> current.session() == session ? null : current);
    }

    Subscriber<S> get(String clientId) {
        return byClient.get(clientId);
    }

    /** Calls send with every subscriber; returns how many there were. */
    int forEach(BiConsumer<String, Subscriber<S>> send) {
        int[] count = {0};
        byClient.forEach((id, subscriber) -> {
            send.accept(id, subscriber);
            count[0]++;
        });
        return count[0];
    }

    int size() {
        return byClient.size();
    }
}
