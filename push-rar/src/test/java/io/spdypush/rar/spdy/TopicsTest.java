package io.spdypush.rar.spdy;

import io.spdypush.api.Delivery;
import io.spdypush.api.MemoryPoolStats;
import io.spdypush.api.PushMessage;
import io.spdypush.client.PushClient;
import io.spdypush.client.ReceivedMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** docs/PROTOCOL.md §2: topic subscription through push-topics, and messages to a topic or to everyone. */
class TopicsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final RunningServer running = new RunningServer();

    @Test
    void aTopicMessageReachesOnlyTheSessionsSubscribedToItWithTheTopicInItsMeta() throws Exception {
        BlockingQueue<ReceivedMessage> fan = connect("fan", "scores, news");
        BlockingQueue<ReceivedMessage> other = connect("other", "weather");

        List<Delivery> deliveries = running.server().send(PushMessage.toTopic("scores").text("1:0"));

        assertThat(deliveries.size(), is(1));
        assertThat(deliveries.get(0).clientId(), is("fan"));
        ReceivedMessage message = fan.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(message, notNullValue());
        assertThat(message.text(), is("1:0"));
        assertThat(message.meta().get("topic"), is("scores"));
        assertThat(other.poll(300, TimeUnit.MILLISECONDS), nullValue());
        assertThat(running.server().status().topics(), is(3));
    }

    @Test
    void aMessageToEveryoneReachesEverySessionOnlineFromOneSharedCopy() throws Exception {
        BlockingQueue<ReceivedMessage> first = connect("first", null);
        BlockingQueue<ReceivedMessage> second = connect("second", "news");
        long serverPoolBefore = pool("server").buffers();

        PushMessage message = PushMessage.toEveryone().text("maintenance at noon");
        List<Delivery> deliveries = running.server().send(message);

        assertThat(deliveries.stream().map(Delivery::clientId).toList(), containsInAnyOrder("first", "second"));
        assertThat(first.poll(WAIT.toSeconds(), TimeUnit.SECONDS).text(), is("maintenance at noon"));
        assertThat(second.poll(WAIT.toSeconds(), TimeUnit.SECONDS).text(), is("maintenance at noon"));
        assertThat("encoded once, not per recipient", pool("server").buffers() - serverPoolBefore, is(1L));
    }

    @Test
    void aSessionThatEndsLeavesItsTopics() throws Exception {
        running.connect(TestServers.client(running.server(), "fan").topics("scores").listener(message -> { })).close();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (running.server().status().topics() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(running.server().send(PushMessage.toTopic("scores").text("nobody")).size(), is(0));
    }

    @Test
    void everyBufferIsGivenBackOnceMessagesAreAcknowledged() throws Exception {
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        running.connect(TestServers.client(running.server(), "acker").listener(received::add));
        for (int i = 0; i < 2; i++) { // the test outboxes hold 5
            running.server().send(PushMessage.to("acker").text("m" + i));
            running.server().send(PushMessage.toEveryone().text("all" + i));
        }
        for (int i = 0; i < 4; i++) {
            assertThat(received.poll(WAIT.toSeconds(), TimeUnit.SECONDS), notNullValue());
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (running.server().status().pendingMessages() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(running.server().status().pendingMessages(), is(0L));
        assertThat(pool("message").liveBytes(), is(0L));
        assertThat(pool("server").liveBytes(), is(0L));
        assertThat(pool("message").peakBytes() > 0, is(true));
    }

    private MemoryPoolStats pool(String name) {
        return running.server().status().memoryPools().stream().filter(pool -> pool.name().equals(name)).findFirst()
                .orElseThrow();
    }

    private BlockingQueue<ReceivedMessage> connect(String clientId, String topics) throws Exception {
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        PushClient.Builder builder = TestServers.client(running.server(), clientId)
                .listener(received::add);
        if (topics != null) {
            builder.topics(topics.split(",\\s*"));
        }
        running.connect(builder);
        return received;
    }
}
