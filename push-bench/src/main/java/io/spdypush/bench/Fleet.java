package io.spdypush.bench;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bench sessions of one process, of one transport, with what each has received: opened in a bounded
 * window of concurrent connects, acknowledged by policy, dropped and resumed all at once. A worker process
 * holds one fleet; so does the bench itself for the unicast measurements.
 */
final class Fleet {

    /** Connects in flight at once: enough to keep the server's accept loop busy, below its backlog. */
    static final int CONNECT_WINDOW = 256;
    /** How long one session may take to open before it counts as failed. */
    static final int OPEN_TIMEOUT_SECONDS = 30;
    /** How long opening a whole batch may take: what is not open by then counts as failed. */
    static final int BATCH_TIMEOUT_SECONDS = 120;
    /** How long a client waits to try again after a failed open, as the SDK's quickest backoff does. */
    static final int RETRY_AFTER_SECONDS = 1;

    /** One client id and its session, updated on the session's event loop, read by the owner. */
    final class Client implements Receiver {
        final String id;
        volatile Session session;
        volatile long highestSeq = -1;
        volatile long highestAcked = -1;
        volatile int received;
        volatile long lastReceiptNanos;
        volatile boolean redelivered;

        Client(String id) {
            this.id = id;
        }

        @Override
        public void onMessage(Session from, long seq, boolean redelivery, long sentNanos) {
            long now = System.nanoTime();
            received++;
            lastReceiptNanos = now;
            highestSeq = Math.max(highestSeq, seq);
            if (redelivery) {
                redelivered = true;
            }
            if (receipts != null) {
                receipts.onReceipt(this, seq, sentNanos, now);
            }
            int after = ackAfter;
            if (after > 0 && received >= after) {
                from.ack(highestSeq);
            }
        }

        @Override
        public void onAcked(Session from, long seq) {
            highestAcked = Math.max(highestAcked, seq);
            if (receipts != null) {
                receipts.onAcked(this, seq, System.nanoTime());
            }
        }
    }

    /** Optional per-message hook of the unicast measurement. */
    interface Receipts {
        void onReceipt(Client client, long seq, long sentNanos, long receivedNanos);

        void onAcked(Client client, long seq, long ackedNanos);
    }

    private final Transport transport;
    private final List<Client> clients = new ArrayList<>();
    /** Ack once a client has received this many messages since the last reset (0: never). */
    private volatile int ackAfter;
    volatile Receipts receipts;

    Fleet(Transport transport) {
        this.transport = transport;
    }

    Transport transport() {
        return transport;
    }

    List<Client> clients() {
        return clients;
    }

    /** What {@link #open} and {@link #resume} achieved. */
    record Opened(int ok, int failed, long nanos, String firstError) {
    }

    /** Opens count sessions with ids prefix-from .. prefix-(from+count-1), from the given local address. */
    Opened open(String prefix, int from, int count, InetAddress local) throws InterruptedException {
        List<Client> added = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            added.add(new Client(prefix + "-" + i));
        }
        clients.addAll(added);
        return connect(List.of(transport), added, local, false);
    }

    /**
     * Reconnects every client online through one of {@code others} in turn (the other nodes of a cluster, when
     * this fleet's died; the SDK's clients, each going through the nodes in an order of its own, spread so),
     * resuming after acks; the sessions of the dead node are dropped first, whether or not their end was noticed
     * yet.
     */
    Opened moveTo(List<Transport> others, InetAddress local) throws InterruptedException {
        return connect(others, dropOnline(), local, true);
    }

    /** Drops every session at once, as a network failure would, then reconnects all, resuming after acks. */
    Opened dropAndResume(InetAddress local) throws InterruptedException {
        return connect(List.of(transport), dropOnline(), local, true);
    }

    /** Drops the sessions online, clearing what their clients received; returns those clients. */
    private List<Client> dropOnline() {
        List<Client> online = clients.stream().filter(client -> client.session != null).toList();
        for (Client client : online) {
            client.session.drop();
            client.session = null;
            client.redelivered = false;
            client.received = 0;
        }
        return online;
    }

    /** Opens a session for each client, through {@code via} in turn. */
    private Opened connect(List<Transport> via, List<Client> which, InetAddress local, boolean resume)
            throws InterruptedException {
        Semaphore window = new Semaphore(CONNECT_WINDOW);
        CountDownLatch done = new CountDownLatch(which.size());
        AtomicReference<String> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(BATCH_TIMEOUT_SECONDS);
        for (int i = 0; i < which.size(); i++) {
            Client client = which.get(i);
            if (!window.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                // Not done in time (a server out of open files accepts almost nothing): stop here.
                break;
            }
            openTrying(via, i, client, local, resume, deadline)
                    .whenComplete((session, error) -> {
                        if (error == null) {
                            client.session = session;
                        } else {
                            firstError.compareAndSet(null, String.valueOf(error));
                        }
                        window.release();
                        done.countDown();
                    });
        }
        done.await(Math.max(0, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(OPEN_TIMEOUT_SECONDS),
                TimeUnit.NANOSECONDS);
        long nanos = System.nanoTime() - start;
        int ok = (int) which.stream().filter(client -> client.session != null).count();
        return new Opened(ok, which.size() - ok, nanos, firstError.get());
    }

    /**
     * Opens the client's session through {@code via} in turn from {@code index}; a failed open (a node refusing
     * with 503 while it cannot claim the client yet, say) is tried again on the next after a second, as a client
     * given several servers does, until the batch's deadline.
     */
    private CompletableFuture<Session> openTrying(List<Transport> via, int index, Client client, InetAddress local,
                                                  boolean resume, long deadline) {
        return via.get(index % via.size()).open(client.id, resume ? client.highestAcked : -1, local, client)
                .orTimeout(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .exceptionallyCompose(error -> System.nanoTime() + TimeUnit.SECONDS.toNanos(RETRY_AFTER_SECONDS)
                        >= deadline ? CompletableFuture.failedFuture(error)
                        : CompletableFuture.runAsync(() -> { },
                                CompletableFuture.delayedExecutor(RETRY_AFTER_SECONDS, TimeUnit.SECONDS))
                        .thenCompose(retry -> openTrying(via, index + 1, client, local, resume, deadline)));
    }

    /** Clears the counters and sets the ack policy. */
    void reset(int ackAfterMessages) {
        ackAfter = ackAfterMessages;
        for (Client client : clients) {
            client.received = 0;
            client.redelivered = false;
        }
    }

    /** A snapshot over all sessions. */
    record Stats(int online, int minReceived, int maxReceived, int notAcked, int redelivered, long lastReceiptNanos) {
        String line() {
            return online + " " + minReceived + " " + maxReceived + " " + notAcked + " " + redelivered + " "
                    + lastReceiptNanos;
        }

        static Stats parse(String[] words, int from) {
            return new Stats(Integer.parseInt(words[from]), Integer.parseInt(words[from + 1]),
                    Integer.parseInt(words[from + 2]), Integer.parseInt(words[from + 3]),
                    Integer.parseInt(words[from + 4]), Long.parseLong(words[from + 5]));
        }

        Stats plus(Stats other) {
            return new Stats(online + other.online, Math.min(minReceived, other.minReceived),
                    Math.max(maxReceived, other.maxReceived), notAcked + other.notAcked,
                    redelivered + other.redelivered, Math.max(lastReceiptNanos, other.lastReceiptNanos));
        }
    }

    Stats stats() {
        int online = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        int notAcked = 0;
        int redelivered = 0;
        long last = 0;
        for (Client client : clients) {
            if (client.session == null) {
                continue;
            }
            online++;
            min = Math.min(min, client.received);
            max = Math.max(max, client.received);
            if (client.highestSeq > client.highestAcked) {
                notAcked++;
            }
            if (client.redelivered) {
                redelivered++;
            }
            last = Math.max(last, client.lastReceiptNanos);
        }
        return new Stats(online, online == 0 ? 0 : min, max, notAcked, redelivered, last);
    }

    void closeAll() {
        for (Client client : clients) {
            if (client.session != null) {
                client.session.close();
                client.session = null;
            }
        }
    }


}
