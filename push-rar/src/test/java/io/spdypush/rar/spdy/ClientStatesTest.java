package io.spdypush.rar.spdy;

import io.netty.buffer.ByteBuf;
import io.spdypush.rar.outbox.OutboxEntry;
import io.spdypush.rar.outbox.OutboxSizes;
import io.spdypush.rar.packet.EncodedMessage;
import io.spdypush.rar.pool.MemoryPool;
import io.spdypush.rar.statistics.MessageStatistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/** Idle clients are forgotten without losing a message or reusing a seq, however sends and sessions race. */
class ClientStatesTest {

    private final MemoryPool pool = new MemoryPool("message", Long.MAX_VALUE, true);
    private final OutboxSizes sizes = new OutboxSizes(5);
    private final ClientStates states = new ClientStates(TestServers.config(), new MessageStatistics(), sizes);
    private final AtomicLong messageIds = new AtomicLong();

    @AfterEach
    void everyBodyIsGivenBack() {
        states.forEachOutbox(outbox -> outbox.clear());
        assertThat("live bytes in the pool", pool.stats().liveBytes(), is(0L));
    }

    @Test
    void forgetsAClientOnceNothingIsPendingAndNobodyHoldsIt() {
        ClientState client = states.use("device-1");
        long seq = accept(client);
        assertThat(states.size(), is(1));
        client.release();
        assertThat("a message is pending", states.size(), is(1));

        ClientState again = states.use("device-1");
        deliver(again, seq);
        again.release();
        assertThat(states.size(), is(0));
    }

    @Test
    void aClientClaimedForASessionAboutToOpenIsNotForgottenByTheWalkOverOfflineClients() {
        states.take("device-1", null, 0);
        states.expireOffline(System.currentTimeMillis(), expiration -> { });
        ClientState claimed = states.useExisting("device-1");
        assertThat("kept for its session", claimed, notNullValue());

        claimed.release();
        states.expireOffline(System.currentTimeMillis(), expiration -> { });
        assertThat("kept until its session came or the grace passed", states.size(), is(1));
    }

    @Test
    void seqsKeepRisingForAClientForgottenAndBackWithinTheSameMillisecond() {
        long last = 0;
        for (int i = 0; i < 1000; i++) {
            ClientState client = states.use("device-1");
            long seq = accept(client);
            assertThat(seq, greaterThan(last));
            last = seq;
            deliver(client, seq);
            client.release();
            assertThat("forgotten each time", states.size(), is(0));
        }
    }

    @Test
    void aClientForgottenWhileSendsRaceWithDeliveryLosesNoMessageAndReusesNoSeq() throws Exception {
        String[] clientIds = {"a", "b", "c", "d"};
        Set<String> seqsGiven = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        String clientId = clientIds[i % clientIds.length];
                        ClientState client = states.use(clientId);
                        OptionalLong seq = offer(client);
                        client.release();
                        if (seq.isPresent()) {
                            assertThat("seq given once", seqsGiven.add(clientId + seq.getAsLong()), is(true));
                        }
                    }
                }));
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        ClientState client = states.use(clientIds[i % clientIds.length]);
                        deliverAll(client);
                        client.release();
                    }
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
        } finally {
            threads.shutdownNow();
        }
        long held = 0;
        for (String clientId : clientIds) {
            ClientState client = states.get(clientId);
            held += client == null ? 0 : client.outbox().size();
        }
        assertThat("every pending message is in a client the adapter still holds", held,
                is(sizes.pendingMessages()));
    }

    private long accept(ClientState client) {
        return offer(client).orElseThrow();
    }

    /** Offers a new message of one byte, as the server does: the outbox keeps a reference of its own. */
    private OptionalLong offer(ClientState client) {
        ByteBuf body = pool.buffer(1).writeZero(1);
        EncodedMessage message = new EncodedMessage("m-" + messageIds.incrementAndGet(), body, 0, 0, null, true);
        try {
            return client.outbox().accept(message, System.currentTimeMillis());
        } finally {
            body.release();
        }
    }

    /** Sends everything pending, as a session does, and acknowledges up to {@code seq}. */
    private static void deliver(ClientState client, long seq) {
        client.outbox().takeForSending(0, Long.MAX_VALUE, System.currentTimeMillis())
                .forEach(outgoing -> outgoing.message().body().release());
        client.outbox().acknowledge(seq);
    }

    private static void deliverAll(ClientState client) {
        List<OutboxEntry.Outgoing> taken = client.outbox().takeForSending(0, Long.MAX_VALUE,
                System.currentTimeMillis());
        taken.forEach(outgoing -> outgoing.message().body().release());
        if (!taken.isEmpty()) {
            client.outbox().acknowledge(taken.get(taken.size() - 1).seq());
        }
    }
}
