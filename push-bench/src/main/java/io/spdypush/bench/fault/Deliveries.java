package io.spdypush.bench.fault;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The books of a fault run: every message id the server accepted, every id a client received (and how often),
 * and what the server did not accept, by reason. A message accepted and never received is lost; one received
 * more than once is a duplicate, which at-least-once allows. Thread-safe.
 */
final class Deliveries {

    private final Map<String, String> clientByAcceptedId = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> receipts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> notAccepted = new ConcurrentHashMap<>();

    void accepted(String clientId, String messageId) {
        clientByAcceptedId.put(messageId, clientId);
    }

    /** A send the server did not accept: {@code reason} is its status code, or what went wrong on the way. */
    void notAccepted(String reason) {
        notAccepted.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    void received(String messageId) {
        receipts.computeIfAbsent(messageId, id -> new AtomicInteger()).incrementAndGet();
    }

    long accepted() {
        return clientByAcceptedId.size();
    }

    /** Accepted ids that arrived at least once. */
    long delivered() {
        return clientByAcceptedId.keySet().stream().filter(receipts::containsKey).count();
    }

    /** Accepted ids no client has received, sorted, each as {@code clientId/messageId}. */
    List<String> lost() {
        return clientByAcceptedId.entrySet().stream().filter(accepted -> !receipts.containsKey(accepted.getKey()))
                .map(accepted -> accepted.getValue() + "/" + accepted.getKey()).sorted().toList();
    }

    /** Receipts beyond the first of each id. */
    long duplicates() {
        return receipts.values().stream().mapToLong(count -> count.get() - 1).sum();
    }

    /** Ids received that were not accepted: sends whose answer the crash cut off, but which the server stored. */
    long receivedUnconfirmed() {
        return receipts.keySet().stream().filter(id -> !clientByAcceptedId.containsKey(id)).count();
    }

    Map<String, Long> notAcceptedByReason() {
        Map<String, Long> byReason = new TreeMap<>();
        notAccepted.forEach((reason, count) -> byReason.put(reason, count.sum()));
        return byReason;
    }
}
