package io.spdypush.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat of a transport without PING (HTTP/1.1, docs/PROTOCOL.md §10): a push stream that carries no byte for
 * T2 + T3 is dead, and every byte, a HEARTBEAT packet or a message, keeps it alive.
 */
class QuietPushStreamTest {

    /** What a busy build machine may add to a timer. */
    private static final long SLACK_MILLIS = 1_500;

    private final CompletableFuture<String> dead = new CompletableFuture<>();
    private EmbeddedChannel channel;

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aPushStreamSilentForT2PlusT3IsDead() {
        channel = new EmbeddedChannel(Heartbeat.listening(Duration.ofMillis(300), Duration.ofMillis(200),
                "127.0.0.1:7070", dead::complete));
        long start = System.nanoTime();

        String why = runTimersUntilDead(Duration.ofSeconds(5));

        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(why, is("the push stream from 127.0.0.1:7070 carried no byte for 500 ms (T2 + T3 of"
                + " docs/PROTOCOL.md §10)"));
        assertThat(elapsed, greaterThanOrEqualTo(500L));
        assertThat(elapsed, lessThan(500 + SLACK_MILLIS));
    }

    @Test
    void everyByteKeepsItAlive() throws Exception {
        channel = new EmbeddedChannel(Heartbeat.listening(Duration.ofMillis(300), Duration.ofMillis(200),
                "127.0.0.1:7070", dead::complete));

        for (int i = 0; i < 8; i++) {
            Thread.sleep(150);
            channel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[16])));
            channel.runScheduledPendingTasks();
        }

        assertThat(dead.getNow(null), nullValue());
    }

    @Test
    void theServersT1ShortensT2NoFurtherThanTheProtocolsDefault() throws Exception {
        Heartbeat heartbeat = Heartbeat.listening(null, Duration.ofMillis(100), "127.0.0.1:7070", dead::complete);
        channel = new EmbeddedChannel(heartbeat);

        heartbeat.serverRecommends(Duration.ofMillis(100));
        Thread.sleep(600);
        channel.runScheduledPendingTasks();

        assertThat("T2 is at least 90 s", dead.getNow(null), nullValue());
    }

    private String runTimersUntilDead(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!dead.isDone() && System.nanoTime() < deadline) {
            channel.runScheduledPendingTasks();
            Thread.onSpinWait();
        }
        return dead.getNow(null);
    }
}
