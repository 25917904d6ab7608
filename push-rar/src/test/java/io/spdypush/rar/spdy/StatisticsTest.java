package io.spdypush.rar.spdy;

import io.spdypush.api.AdapterStatus;
import io.spdypush.api.LatencySummary;
import io.spdypush.api.MessageCounts;
import io.spdypush.api.PushMessage;
import io.spdypush.client.PushClient;
import io.spdypush.client.ReceivedMessage;
import io.spdypush.rar.outbox.OutboxStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

/** The message counts, delivery latency and session counts of the status, moved by the real client over loopback. */
class StatisticsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dataDirectory;
    @RegisterExtension
    final RunningServer running = new RunningServer();

    @Test
    void countsMessagesAcceptedSentAndAcknowledgedAndMeasuresTheLatencyOfEach() throws Exception {
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        PushClient client = connect("device-1", received, 0);
        int messages = 4;
        long lastSeq = 0;
        for (int i = 1; i <= messages; i++) {
            lastSeq = send("device-1", "m" + i);
        }
        take(received, messages);

        client.ack(lastSeq).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        AdapterStatus status = running.server().status();
        MessageCounts counts = status.messages();
        assertThat(counts.accepted(), is((long) messages));
        assertThat(counts.sent(), is((long) messages));
        assertThat("one cumulative ack acknowledges each copy", counts.acknowledged(), is((long) messages));
        assertThat(status.pendingMessages(), is(0L));
        LatencySummary latency = status.deliveryLatency();
        assertThat(latency.count(), is((long) messages));
        assertThat(latency.p50Micros(), greaterThan(0L));
        assertThat(latency.p50Micros(), lessThanOrEqualTo(latency.p99Micros()));
        assertThat(latency.p99Micros(), lessThanOrEqualTo(latency.maxMicros()));
        assertThat(latency.sumMicros(), greaterThan(0L));
        LatencySummary.Bucket tenSeconds = latency.buckets().get(latency.buckets().size() - 1);
        assertThat(tenSeconds.upperBoundMicros(), is(10_000_000L));
        assertThat(tenSeconds.count(), is((long) messages));
    }

    @Test
    void countsRefusalsByKind() {
        for (int i = 1; i <= 5; i++) {
            send("device-1", "fills the outbox of 5");
        }
        running.server().send(PushMessage.to("device-1").text("one too many"));
        running.server().send(PushMessage.to("device-2").bytes("application/octet-stream", new byte[1024 * 1024 + 1]));
        running.server().send(PushMessage.to("device-2").text("too late").expires(Instant.now().minusSeconds(1)));

        MessageCounts counts = running.server().status().messages();
        assertThat(counts.accepted(), is(5L));
        assertThat(counts.refused(), is(Map.of("outbox-full", 1L, "payload-too-large", 1L, "already-expired", 1L,
                "meta-too-large", 0L, "shutting-down", 0L, "outbox-memory-full", 0L,
                "memory-pool-full", 0L)));
    }

    @Test
    void reportsTheLargestOutboxBesideThePendingTotal() {
        send("device-1", "one");
        send("device-1", "two");
        send("device-1", "three");
        send("device-2", "one");

        AdapterStatus status = running.server().status();
        assertThat(status.pendingMessages(), is(4L));
        assertThat(status.largestOutbox(), is(3));
    }

    @Test
    void countsExpiredAndCollapsedCopies() throws Exception {
        running.server().send(PushMessage.to("device-1").text("stale").ttl(Duration.ofMillis(50)));
        running.server().send(PushMessage.to("device-1").text("1:0").collapseKey("score"));
        running.server().send(PushMessage.to("device-1").text("2:0").collapseKey("score"));
        Thread.sleep(100);

        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        connect("device-1", received, 0);
        assertThat(take(received, 1).get(0).text(), is("2:0"));

        MessageCounts counts = running.server().status().messages();
        assertThat(counts.expired(), is(1L));
        assertThat(counts.collapsed(), is(1L));
    }

    @Test
    void countsSessionsOpenedAndClosed() throws Exception {
        PushClient first = connect("device-1", new LinkedBlockingQueue<>(), 0);
        connect("device-2", new LinkedBlockingQueue<>(), 0);
        assertThat(running.server().status().sessionsOpened(), is(2L));
        assertThat(running.server().status().sessionsClosed(), is(0L));

        first.close();

        assertThat(await(() -> running.server().status().sessionsClosed(), 1L), is(1L));
        assertThat(running.server().status().sessionsOnline(), is(1));
    }

    @Test
    void aCopyRestoredAfterARestartIsAcknowledgedButItsLatencyIsNotMeasured() throws Exception {
        OutboxStore store = new OutboxStore(dataDirectory.resolve("outboxes.bin"));
        running.server().stop();
        running.restart(() -> TestServers.start(TestServers.config(), store));
        long seq = send("device-1", "kept across the restart");
        running.server().stop();
        running.restart(() -> TestServers.start(TestServers.config(), store));

        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        PushClient client = connect("device-1", received, 0);
        take(received, 1);
        client.ack(seq).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        AdapterStatus status = running.server().status();
        assertThat("counts start at zero with each start", status.messages().accepted(), is(0L));
        assertThat(status.messages().acknowledged(), is(1L));
        assertThat("its accept time belongs to the run before", status.deliveryLatency().count(), is(0L));
        assertThat(status.deliveryLatency().buckets().stream().map(LatencySummary.Bucket::count).toList(),
                everyItem(is(0L)));
    }

    private PushClient connect(String clientId, BlockingQueue<ReceivedMessage> received, long lastSeq)
            throws Exception {
        PushClient.Builder builder = TestServers.client(running.server(), clientId).autoAck(false).listener(received::add);
        if (lastSeq > 0) {
            builder.lastSeq(lastSeq);
        }
        return running.connect(builder);
    }

    /** Sends a text message that must be accepted, and returns its seq. */
    private long send(String clientId, String text) {
        return running.server().send(PushMessage.to(clientId).text(text)).get(0).seq();
    }

    private static List<ReceivedMessage> take(BlockingQueue<ReceivedMessage> queue, int count)
            throws InterruptedException {
        List<ReceivedMessage> taken = new ArrayList<>();
        while (taken.size() < count) {
            ReceivedMessage message = queue.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat("message " + (taken.size() + 1) + " of " + count + " arrives", message, notNullValue());
            taken.add(message);
        }
        return taken;
    }

    /** The figure once it reaches {@code expected}, or what it is when the wait is over. */
    private static long await(Supplier<Long> figure, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (figure.get() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return figure.get();
    }
}
