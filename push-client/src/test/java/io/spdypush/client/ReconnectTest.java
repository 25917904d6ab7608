package io.spdypush.client;

import io.spdypush.testing.Packets;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.handler.codec.spdy.SpdySessionStatus;
import io.spdypush.client.TestSpdyServer.Answer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reconnection (docs/PROTOCOL.md §8) against a deliberately hostile SPDY/3.1 peer over loopback. */
class ReconnectTest {

    private static final int WAIT_SECONDS = 10;
    /** What a busy build machine may add to a timer. */
    private static final long SLACK_MILLIS = 1_500;
    private static final ReconnectPolicy FAST = new ReconnectPolicy(Duration.ofMillis(20), Duration.ofMillis(80));

    /** What the listener heard, in order. */
    private sealed interface Event permits Connected, Disconnected, Reconnecting, Refused {
    }

    private record Connected(PushSession session) implements Event {
    }

    private record Disconnected(SessionClosedException reason) implements Event {
    }

    private record Reconnecting(int attempt, Duration delay, SessionClosedException cause) implements Event {
    }

    private record Refused(PushRefusedException refusal) implements Event {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<ReceivedMessage> received = new ArrayList<>();
    @RegisterExtension
    final SpdyServerPerTest spdy = new SpdyServerPerTest();
    private PushClient client;

    @Test
    void reconnectsWhenAPingIsNotAnsweredWithinT3() throws Exception {
        spdy.server().answerPings = false;
        client = spdy.closeAfter(builder().heartbeat(Duration.ofMillis(300)).heartbeatTimeout(Duration.ofMillis(300)).build());
        long start = System.nanoTime();
        client.connect().get(WAIT_SECONDS, SECONDS);
        next(Connected.class);

        Disconnected dead = next(Disconnected.class);
        long detectedMillis = (System.nanoTime() - start) / 1_000_000;
        Reconnecting reconnecting = next(Reconnecting.class);
        next(Connected.class);

        assertThat(dead.reason().getMessage(), containsString("to a PING within 300 ms"));
        assertThat("within T1 + T3", detectedMillis, lessThan(600 + SLACK_MILLIS));
        assertThat(detectedMillis, greaterThanOrEqualTo(600L));
        assertThat(reconnecting.attempt(), is(1));
        assertThat(reconnecting.delay(), lessThanOrEqualTo(FAST.base()));
        assertThat(reconnecting.cause(), is(dead.reason()));
        assertThat(spdy.server().pushRequests.size(), is(2));
    }

    @Test
    void finishesARequestOpenAtGoAwayAndThenReconnects() throws Exception {
        client = spdy.closeAfter(builder().build());
        PushSession session = client.connect().get(WAIT_SECONDS, SECONDS);
        spdy.server().pushRequests.poll(WAIT_SECONDS, SECONDS);
        CompletableFuture<Response> response = session.request("/slow");
        CompletableFuture<Long> answeredNanos = response.thenApply(answered -> System.nanoTime());
        int streamId = spdy.server().businessRequests.poll(WAIT_SECONDS, SECONDS).streamId();

        spdy.server().goAway(SpdySessionStatus.OK);
        assertThat("no new session while a request is open",
                spdy.server().pushRequests.poll(300, MILLISECONDS), is(nullValue()));
        spdy.server().answer = Answer.reply(200, "text/plain", "done");
        spdy.server().answer(streamId);

        assertThat(response.get(WAIT_SECONDS, SECONDS).text(), is("done"));
        TestSpdyServer.Request resumed = spdy.server().pushRequests.poll(WAIT_SECONDS, SECONDS);
        assertThat(resumed, is(notNullValue()));
        assertThat("reconnected after the answer", resumed.receivedNanos(), greaterThan(answeredNanos.get()));
        assertThat(next(Connected.class).session(), is(notNullValue()));
        assertThat(next(Disconnected.class).reason().getMessage(), is("the server sent GOAWAY OK"));
        assertThat(next(Reconnecting.class).attempt(), is(1));
        next(Connected.class);
    }

    @Test
    void reconnectsWithGrowingBackoffAfterTheSocketIsClosedAndResumesAfterTheLastSeq() throws Exception {
        client = spdy.closeAfter(builder().build());
        client.connect().get(WAIT_SECONDS, SECONDS);
        next(Connected.class);
        spdy.server().push(Packets.concat(Packets.text(1, "m-1", "one"), Packets.text(2, "m-2", "two"),
                Packets.text(3, "m-3", "three")), 100_000);
        awaitReceived(3);
        spdy.server().pushStatus = 500;

        spdy.server().dropConnection();

        assertThat(next(Disconnected.class).reason().getMessage(), containsString("was closed"));
        int attempt = 0;
        for (Event event = next(Event.class); !(event instanceof Connected); event = next(Event.class)) {
            Reconnecting reconnecting = (Reconnecting) event;
            assertThat(reconnecting.attempt(), is(++attempt));
            assertThat(reconnecting.delay(), lessThanOrEqualTo(FAST.ceiling(attempt)));
            if (attempt == 3) {
                spdy.server().pushStatus = 200;
            }
        }
        assertThat(attempt, greaterThanOrEqualTo(3));
        List<String> lastSeqs = new ArrayList<>();
        spdy.server().pushRequests.forEach(request -> lastSeqs.add(request.headers().get("push-last-seq")));
        assertThat(lastSeqs.subList(1, lastSeqs.size()), everyItem(is("3")));

        spdy.server().dropConnection();
        next(Disconnected.class);
        assertThat("counted afresh after an accepted session", next(Reconnecting.class).attempt(), is(1));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 409})
    void stopsAndReportsARefusalThatTryingAgainCannotFix(int status) throws Exception {
        client = spdy.closeAfter(builder().build());
        client.connect().get(WAIT_SECONDS, SECONDS);
        next(Connected.class);
        spdy.server().pushStatus = status;

        spdy.server().dropConnection();

        next(Disconnected.class);
        next(Reconnecting.class);
        assertThat(next(Refused.class).refusal().status(), is(status));
        assertThat(events.poll(300, MILLISECONDS), is(nullValue()));
        assertThat(spdy.server().pushRequests.size(), is(2));
    }

    @Test
    void aTokenProviderGivesEachConnectionAFreshToken() throws Exception {
        AtomicInteger minted = connectedMintingTokens();

        spdy.server().dropConnection();
        next(Disconnected.class);
        next(Reconnecting.class);
        next(Connected.class);

        assertThat(authorizationOf(spdy.server().pushRequests.poll(WAIT_SECONDS, SECONDS)), is("Bearer token-1"));
        assertThat(authorizationOf(spdy.server().pushRequests.poll(WAIT_SECONDS, SECONDS)), is("Bearer token-2"));
    }

    @Test
    void withATokenProviderA401IsTriedOnceMoreWithAFreshTokenAndTheSecondInARowStops() throws Exception {
        AtomicInteger minted = connectedMintingTokens();
        spdy.server().pushStatus = 401;

        spdy.server().dropConnection();
        next(Disconnected.class);
        next(Reconnecting.class);
        assertThat(next(Reconnecting.class).cause().getMessage(), containsString("401"));

        assertThat(next(Refused.class).refusal().status(), is(401));
        assertThat(events.poll(300, MILLISECONDS), is(nullValue()));
        assertThat("the first token, then two fresh ones", minted.get(), is(3));
    }

    @Test
    void withATokenProviderA401FollowedByAnAcceptedSessionCountsAfresh() throws Exception {
        connectedMintingTokens();
        for (int round = 0; round < 2; round++) {
            spdy.server().pushStatus = 401;
            spdy.server().dropConnection();
            next(Disconnected.class);
            next(Reconnecting.class);
            next(Reconnecting.class);
            spdy.server().pushStatus = 200;
            next(Connected.class);
        }
    }

    @Test
    void aTokenProviderThatFailsIsAskedAgainAfterTheBackoff() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        client = spdy.closeAfter(builder().tokenProvider(() -> {
            if (asked.incrementAndGet() == 1) {
                throw new IllegalStateException("the token service is down");
            }
            return "token-" + asked.get();
        }).build());

        CompletableFuture<PushSession> connect = client.connect();
        Reconnecting reconnecting = next(Reconnecting.class);
        next(Connected.class);

        assertThat(reconnecting.cause().getMessage(), containsString("the token service is down"));
        assertThat(connect.get(WAIT_SECONDS, SECONDS), is(notNullValue()));
        assertThat(authorizationOf(spdy.server().pushRequests.poll(WAIT_SECONDS, SECONDS)), is("Bearer token-2"));
    }

    @Test
    void waitsAtLeastRetryAfterWhenTheServerIsBusy() throws Exception {
        client = spdy.closeAfter(builder().build());
        client.connect().get(WAIT_SECONDS, SECONDS);
        next(Connected.class);
        spdy.server().pushRequests.poll(WAIT_SECONDS, SECONDS);
        spdy.server().pushStatus = 503;
        spdy.server().retryAfter = "1";

        spdy.server().dropConnection();
        next(Disconnected.class);
        next(Reconnecting.class);
        TestSpdyServer.Request busy = spdy.server().pushRequests.poll(WAIT_SECONDS, SECONDS);
        Reconnecting reconnecting = next(Reconnecting.class);
        spdy.server().pushStatus = 200;
        next(Connected.class);
        TestSpdyServer.Request accepted = spdy.server().pushRequests.poll(WAIT_SECONDS, SECONDS);

        assertThat(reconnecting.cause().getMessage(), containsString("status 503, retry after 1 s"));
        assertThat(reconnecting.delay(), greaterThanOrEqualTo(Duration.ofSeconds(1)));
        assertThat((accepted.receivedNanos() - busy.receivedNanos()) / 1_000_000, greaterThanOrEqualTo(1_000L));
    }

    @Test
    void keepsTryingWhileNothingListensUntilClosed() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        client = spdy.closeAfter(PushClient.builder().server("127.0.0.1", port).clientId("device-42").reconnect(FAST)
                .listener(listener()).build());

        CompletableFuture<PushSession> connect = client.connect();
        Reconnecting first = next(Reconnecting.class);
        assertThat(next(Reconnecting.class).attempt(), is(2));
        client.close();

        assertThat(first.cause().getMessage(), containsString("cannot connect to 127.0.0.1:" + port));
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> connect.get(WAIT_SECONDS, SECONDS));
        assertThat(failure.getCause().getMessage(), is("the client was closed"));
    }

    @Test
    void withoutReconnectionALostSessionStaysLost() throws Exception {
        client = spdy.closeAfter(PushClient.builder().server("127.0.0.1", spdy.server().port()).clientId("device-42")
                .listener(listener()).build());
        client.connect().get(WAIT_SECONDS, SECONDS);
        next(Connected.class);

        spdy.server().dropConnection();

        next(Disconnected.class);
        assertThat(events.poll(300, MILLISECONDS), is(nullValue()));
        assertThat(spdy.server().pushRequests.size(), is(1));
    }

    @Test
    void everyMessageArrivesOnceAndInOrderWhereverTheConnectionIsCut() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int count = 400;
        spdy.server().holdMessages(count, 3, new Random(seed));
        client = spdy.closeAfter(builder().build());
        client.connect().get(WAIT_SECONDS, SECONDS);

        int cuts = 0;
        long deadline = System.nanoTime() + SECONDS.toNanos(60);
        while (receivedCount() < count && System.nanoTime() < deadline) {
            int before = receivedCount();
            while (receivedCount() == before && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            Thread.sleep(random.nextInt(15));
            if (receivedCount() < count) {
                if (random.nextBoolean()) {
                    spdy.server().dropConnection();
                } else {
                    spdy.server().goAway(SpdySessionStatus.OK);
                }
                cuts++;
            }
        }

        List<Long> seqs;
        synchronized (received) {
            seqs = received.stream().map(ReceivedMessage::seq).toList();
        }
        assertThat("seed " + seed, seqs, is(LongStream.rangeClosed(1, count).boxed().toList()));
        assertThat("seed " + seed + ": cut often enough to mean something", cuts, greaterThanOrEqualTo(5));
        long previous = 0;
        for (TestSpdyServer.Request request : spdy.server().pushRequests) {
            String lastSeq = request.headers().get("push-last-seq");
            long resumedAfter = lastSeq == null ? 0 : Long.parseLong(lastSeq);
            assertThat("seed " + seed + ": push-last-seq never goes back", resumedAfter,
                    greaterThanOrEqualTo(previous));
            previous = resumedAfter;
        }
    }

    private PushClient.Builder builder() {
        return PushClient.builder()
                .server("127.0.0.1", spdy.server().port())
                .clientId("device-42")
                .reconnect(FAST)
                .listener(listener());
    }

    private PushListener listener() {
        return new PushListener() {
            @Override
            public void onMessage(ReceivedMessage message) {
                synchronized (received) {
                    received.add(message);
                }
            }

            @Override
            public void onConnected(PushSession session) {
                events.add(new Connected(session));
            }

            @Override
            public void onDisconnected(SessionClosedException reason) {
                events.add(new Disconnected(reason));
            }

            @Override
            public void onReconnecting(int attempt, Duration delay, SessionClosedException cause) {
                events.add(new Reconnecting(attempt, delay, cause));
            }

            @Override
            public void onRefused(PushRefusedException refusal) {
                events.add(new Refused(refusal));
            }
        };
    }

    private <T extends Event> T next(Class<T> type) throws InterruptedException {
        Event event = events.poll(WAIT_SECONDS, SECONDS);
        assertThat("the listener hears " + type.getSimpleName(), event, is(instanceOf(type)));
        return type.cast(event);
    }

    /** Connects a client whose provider gives token-1, token-2, ...; returns how many it gave. */
    private AtomicInteger connectedMintingTokens() throws Exception {
        AtomicInteger minted = new AtomicInteger();
        client = spdy.closeAfter(builder().tokenProvider(() -> "token-" + minted.incrementAndGet()).build());
        client.connect().get(WAIT_SECONDS, SECONDS);
        next(Connected.class);
        return minted;
    }

    private static String authorizationOf(TestSpdyServer.Request request) {
        assertThat(request, is(notNullValue()));
        return request.headers().get("authorization");
    }

    private int receivedCount() {
        synchronized (received) {
            return received.size();
        }
    }

    private void awaitReceived(int count) throws InterruptedException {
        long deadline = System.nanoTime() + SECONDS.toNanos(WAIT_SECONDS);
        while (receivedCount() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(receivedCount(), is(count));
    }
}
