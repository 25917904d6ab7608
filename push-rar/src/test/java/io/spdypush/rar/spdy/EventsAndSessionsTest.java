package io.spdypush.rar.spdy;

import io.spdypush.api.Acknowledgement;
import io.spdypush.api.Delivery;
import io.spdypush.api.Expiration;
import io.spdypush.api.PushListener;
import io.spdypush.api.PushMessage;
import io.spdypush.api.SessionInfo;
import io.spdypush.client.PushClient;
import io.spdypush.client.ReceivedMessage;
import io.spdypush.client.SessionClosedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/** What the adapter tells the application (acknowledgements, expirations, sessions) and what it lets it do. */
class EventsAndSessionsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final List<PushClient> clients = new ArrayList<>();
    private PushServer server;

    @BeforeEach
    void start() {
        server = TestServers.start(TestServers.config(), new PushListener() {
            @Override
            public void onAcknowledged(Acknowledgement acknowledgement) {
                events.add(acknowledgement);
            }

            @Override
            public void onExpired(Expiration expiration) {
                events.add(expiration);
            }

            @Override
            public void onSessionOpened(SessionInfo session) {
                events.add("opened " + session.clientId());
            }

            @Override
            public void onSessionClosed(SessionInfo session) {
                events.add("closed " + session.clientId());
            }
        });
    }

    @AfterEach
    void stop() {
        clients.forEach(PushClient::close);
        server.stop();
    }

    @Test
    void anAcknowledgementNamesTheMessagesItDelivered() throws Exception {
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        PushClient client = connect("device-1", received, false, new CompletableFuture<>());
        assertThat(events.poll(WAIT.toSeconds(), TimeUnit.SECONDS), is("opened device-1"));
        server.send(PushMessage.to("device-1").id("m-1").text("one"));
        long second = server.send(PushMessage.to("device-1").id("m-2").text("two")).get(0).seq();
        received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);

        client.ack(second).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        Acknowledgement acknowledgement = (Acknowledgement) events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(acknowledgement.clientId(), is("device-1"));
        assertThat(acknowledgement.seq(), is(second));
        assertThat(acknowledgement.messageIds(), contains("m-1", "m-2"));
        client.close();
        assertThat(events.poll(WAIT.toSeconds(), TimeUnit.SECONDS), is("closed device-1"));
    }

    @Test
    void anExpiredMessageIsReportedAndNeverSent() throws Exception {
        server.send(PushMessage.to("device-2").id("stale").text("too late").ttl(Duration.ofMillis(50)));
        Thread.sleep(100);
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        connect("device-2", received, true, new CompletableFuture<>());
        assertThat(events.poll(WAIT.toSeconds(), TimeUnit.SECONDS), is("opened device-2"));
        Expiration expiration = (Expiration) events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(expiration.messageIds(), contains("stale"));
        assertThat(received.poll(200, TimeUnit.MILLISECONDS), is((ReceivedMessage) null));
    }

    @Test
    void anAtMostOnceMessageAsksForNoAcknowledgementAndIsNotKept() throws Exception {
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        connect("device-3", received, false, new CompletableFuture<>());
        server.send(PushMessage.toEveryone().text("ticker"));
        ReceivedMessage message = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(message.ackRequired(), is(false));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (server.status().pendingMessages() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.status().pendingMessages(), is(0L));
    }

    @Test
    void aMessageToSeveralClientsGetsADeliveryForEach() {
        List<Delivery> deliveries = server.send(PushMessage.to(List.of("a", "b", "a")).text("hi"));
        assertThat(deliveries.stream().map(Delivery::clientId).toList(), contains("a", "b"));
        assertThat(server.status().pendingMessages(), is(2L));
    }

    @Test
    void sessionsCanBeListedLookedUpAndDisconnected() throws Exception {
        CompletableFuture<SessionClosedException> closed = new CompletableFuture<>();
        connect("device-b", new LinkedBlockingQueue<>(), true, new CompletableFuture<>());
        connect("device-a", new LinkedBlockingQueue<>(), true, closed);

        assertThat(server.sessions("", 0, 10).stream().map(SessionInfo::clientId).toList(),
                contains("device-a", "device-b"));
        assertThat(server.sessions("", 1, 10).stream().map(SessionInfo::clientId).toList(), contains("device-b"));
        assertThat(server.sessions("", 0, 1).stream().map(SessionInfo::clientId).toList(), contains("device-a"));
        SessionInfo session = server.session("device-a").orElseThrow();
        assertThat(session.remoteAddress().contains("127.0.0.1"), is(true));
        assertThat(session.connectedAt(), notNullValue());
        assertThat(server.session("nobody").isPresent(), is(false));

        assertThat(server.disconnect("device-a"), is(true));
        assertThat("the client is told to go away", closed.get(WAIT.toSeconds(), TimeUnit.SECONDS), notNullValue());
        assertThat(server.disconnect("nobody"), is(false));
    }

    @Test
    void sessionsAreSearchedByClientIdPrefixAndPagedWithinTheMatches() throws Exception {
        for (String clientId : List.of("tablet-1", "phone-2", "phone-1", "phone-3", "phonebook")) {
            connect(clientId, new LinkedBlockingQueue<>(), true, new CompletableFuture<>());
        }

        assertThat(clientIds(server.sessions("phone-", 0, 10)), contains("phone-1", "phone-2", "phone-3"));
        assertThat(clientIds(server.sessions("phone-", 1, 1)), contains("phone-2"));
        assertThat(clientIds(server.sessions("phone", 3, 10)), contains("phonebook"));
        assertThat(clientIds(server.sessions("phone-", 3, 10)), is(empty()));
        assertThat(clientIds(server.sessions("watch", 0, 10)), is(empty()));
        assertThat(clientIds(server.sessions("", 4, 10)), contains("tablet-1"));
    }

    private static List<String> clientIds(List<SessionInfo> sessions) {
        return sessions.stream().map(SessionInfo::clientId).toList();
    }

    private PushClient connect(String clientId, BlockingQueue<ReceivedMessage> received, boolean autoAck,
                               CompletableFuture<SessionClosedException> closed) throws Exception {
        PushClient client = TestServers.client(server, clientId)
                .autoAck(autoAck)
                .listener(new io.spdypush.client.PushListener() {
                    @Override
                    public void onMessage(ReceivedMessage message) {
                        received.add(message);
                    }

                    @Override
                    public void onDisconnected(SessionClosedException reason) {
                        closed.complete(reason);
                    }
                })
                .build();
        clients.add(client);
        client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return client;
    }
}
