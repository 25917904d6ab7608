package io.spdypush.client;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Heartbeats (docs/PROTOCOL.md §5) against a real SPDY/3.1 peer over loopback. */
class HeartbeatTest {

    private static final int WAIT_SECONDS = 10;
    /** What a busy build machine may add to a timer. */
    private static final long SLACK_MILLIS = 1_500;

    private final CompletableFuture<SessionClosedException> disconnected = new CompletableFuture<>();
    @RegisterExtension
    final SpdyServerPerTest spdy = new SpdyServerPerTest();
    private PushClient client;

    @Test
    void pingsWithOddIdsAfterT1OfSilenceAndStaysConnectedWhileAnswered() throws Exception {
        client = spdy.closeAfter(builder().heartbeat(Duration.ofMillis(200)).build());
        long start = System.nanoTime();
        client.connect().get(WAIT_SECONDS, SECONDS);

        Integer first = spdy.server().pings.poll(WAIT_SECONDS, SECONDS);
        long firstMillis = millisSince(start);
        Integer second = spdy.server().pings.poll(WAIT_SECONDS, SECONDS);

        assertThat(first, is(1));
        assertThat(second, is(3));
        assertThat("the builder's T1 wins over the server's 60 s", firstMillis, lessThan(200 + SLACK_MILLIS));
        assertThat(firstMillis, greaterThanOrEqualTo(200L));
        assertThat(disconnected.isDone(), is(false));
    }

    @Test
    void takesT1FromTheServersPushHeartbeat() throws Exception {
        spdy.server().heartbeatSeconds = "1";
        client = spdy.closeAfter(builder().build());
        long start = System.nanoTime();
        client.connect().get(WAIT_SECONDS, SECONDS);

        assertThat(spdy.server().pings.poll(WAIT_SECONDS, SECONDS), is(notNullValue()));

        long elapsed = millisSince(start);
        assertThat(elapsed, greaterThanOrEqualTo(1_000L));
        assertThat(elapsed, lessThan(1_000 + SLACK_MILLIS));
    }

    @Test
    void closesTheSessionWhenAPingIsNotAnsweredWithinT3() throws Exception {
        spdy.server().answerPings = false;
        client = spdy.closeAfter(builder().heartbeat(Duration.ofMillis(300)).heartbeatTimeout(Duration.ofMillis(300)).build());
        long start = System.nanoTime();
        client.connect().get(WAIT_SECONDS, SECONDS);

        SessionClosedException reason = disconnected.get(WAIT_SECONDS, SECONDS);

        long elapsed = millisSince(start);
        assertThat(reason.getMessage(), is("no answer from 127.0.0.1:" + spdy.server().port()
                + " to a PING within 300 ms: the connection is dead"));
        assertThat("T1 + T3", elapsed, greaterThanOrEqualTo(600L));
        assertThat(elapsed, lessThan(600 + SLACK_MILLIS));
        assertThat(spdy.server().disconnected.await(WAIT_SECONDS, SECONDS), is(true));
    }

    @Test
    void answersTheServersPings() throws Exception {
        client = spdy.closeAfter(builder().build());
        client.connect().get(WAIT_SECONDS, SECONDS);

        spdy.server().ping(2);

        assertThat(spdy.server().pingAnswers.poll(WAIT_SECONDS, SECONDS), is(2));
    }

    @Test
    void theServersPingsCountAsTraffic() throws Exception {
        client = spdy.closeAfter(builder().heartbeat(Duration.ofMillis(300)).build());
        client.connect().get(WAIT_SECONDS, SECONDS);

        for (int id = 2; id <= 20; id += 2) {
            spdy.server().ping(id);
            Thread.sleep(100);
        }

        assertThat(spdy.server().pings.poll(0, MILLISECONDS), is(nullValue()));
    }

    private PushClient.Builder builder() {
        return PushClient.builder()
                .server("127.0.0.1", spdy.server().port())
                .clientId("device-42")
                .listener(new PushListener() {
                    @Override
                    public void onMessage(ReceivedMessage message) {
                    }

                    @Override
                    public void onDisconnected(SessionClosedException reason) {
                        disconnected.complete(reason);
                    }
                });
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
