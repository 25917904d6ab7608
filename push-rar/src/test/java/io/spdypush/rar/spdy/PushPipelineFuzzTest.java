package io.spdypush.rar.spdy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.spdypush.api.BusinessResponse;
import io.spdypush.api.MemoryPoolStats;
import io.spdypush.fuzzing.FuzzReport;
import io.spdypush.testing.Chunks;
import io.spdypush.testing.PipelineEnd;
import io.spdypush.testing.TrackingAllocator;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

/**
 * A client connection's whole pipeline, as {@link PushChannelInitializer} builds it (frame codec,
 * guards, Netty's session handler, our session handler), on any bytes a client can send, then on
 * the passing of the liveness timers: no exception escapes the pipeline, every buffer is released,
 * and once the connection is closed the server holds nothing for it.
 */
@ExtendWith(FuzzReport.class)
class PushPipelineFuzzTest {

    /** Beyond every liveness timer of the test configuration. */
    private static final Duration LATER = Duration.ofMinutes(5);

    /** The input is what the client sends, as {@link io.spdypush.testing.Chunks}. */
    @FuzzTest
    void survivesAnyClientBytesAndReleasesEverything(byte[] input) {
        FuzzReport.execution();
        // Frames per second as high as a fuzz input may send, so that the guard leaves the rest to parse.
        PushServer server = new PushServer(TestServers.limits(100, 100, 64 * 1024, Duration.ofSeconds(5), 16,
                100_000), TestServers.TOKENS, null, Runnable::run, null, TestServers.EVENTS_IGNORED,
                64L * 1024 * 1024);
        server.routes().register("/echo", request -> CompletableFuture.completedFuture(
                BusinessResponse.ok("text/plain", request.body())));
        ChannelGroup connections = new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE);
        TrackingAllocator alloc = new TrackingAllocator();
        PipelineEnd end = new PipelineEnd();
        EmbeddedSocketChannel channel = new EmbeddedSocketChannel(
                new PushChannelInitializer(server.context(), connections, null));
        channel.config().setAllocator(alloc);
        try {
            channel.register();
        } catch (Exception e) {
            throw new AssertionError("the embedded channel did not register", e);
        }
        channel.pipeline().addLast(end);

        for (ByteBuf read : Chunks.of(alloc, input)) {
            if (channel.isOpen()) {
                channel.writeInbound(read);
            } else {
                read.release();
            }
        }
        // Runs the timers' code; SessionLiveness measures silence with System.nanoTime(), not the loop's clock,
        // so the embedded clock's advance alone does not make a session time out.
        channel.advanceTimeBy(LATER.toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        // As when the client goes away: the transport closes the channel beneath the handlers.
        channel.unsafe().close(channel.voidPromise());
        channel.finishAndReleaseAll();

        assertThat(end.escaped(), is(empty()));
        assertThat("unreleased buffers", alloc.unreleased(), is(0L));
        assertThat("sessions online", server.status().sessionsOnline(), is(0));
        for (MemoryPoolStats pool : server.pools().stats()) {
            assertThat("live bytes in the " + pool.name() + " pool", pool.liveBytes(), is(0L));
        }
    }
}
