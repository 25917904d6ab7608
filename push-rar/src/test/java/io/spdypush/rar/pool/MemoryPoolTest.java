package io.spdypush.rar.pool;

import io.netty.buffer.ByteBuf;
import io.netty.util.internal.PlatformDependent;
import io.spdypush.api.MemoryPoolStats;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MemoryPoolTest {

    private static final long NO_CAP = Long.MAX_VALUE;

    @Test
    void aBlockFreedIsGivenToTheNextBufferOfItsSizeClass() {
        MemoryPool pool = new MemoryPool("message", NO_CAP, true);
        ByteBuf first = pool.buffer(100).writeBytes(new byte[100]);
        long block = address(first);
        first.release();

        ByteBuf second = pool.buffer(97);

        assertThat(second.isDirect(), is(true));
        assertThat(address(second), is(block));
        assertThat("nothing of the first buffer is readable", second.readableBytes(), is(0));
        MemoryPoolStats stats = pool.stats();
        assertThat(stats.buffers(), is(2L));
        assertThat(stats.reused(), is(1L));
        assertThat("one block of 112 bytes was ever allocated", stats.allocatedBytes(), is(112L));
        assertThat(stats.liveBytes(), is(112L));
        second.release();
        assertThat(pool.liveBytes(), is(0L));
    }

    @Test
    void withoutReuseEveryBufferGetsANewBlock() {
        MemoryPool pool = new MemoryPool("message", NO_CAP, false);
        ByteBuf first = pool.buffer(100);
        first.release();

        ByteBuf second = pool.buffer(100);

        assertThat(pool.stats().reused(), is(0L));
        assertThat(pool.stats().allocatedBytes(), is(224L));
        second.release();
    }

    @Test
    void eachLifecycleReusesOnlyItsOwnBlocks() {
        MemoryPool streams = new MemoryPool("stream", NO_CAP, true);
        MemoryPool messages = new MemoryPool("message", NO_CAP, true);
        ByteBuf body = streams.buffer(1000);
        long block = address(body);
        body.release();

        ByteBuf message = messages.buffer(1000);

        assertThat(messages.stats().reused(), is(0L));
        assertThat(address(streams.buffer(1000)), is(block));
        message.release();
    }

    @Test
    void newWorkThatWouldGoOverTheCapIsRefusedWithTheSettingToRaise() {
        MemoryPool pool = new MemoryPool("stream", 256, true);
        ByteBuf held = pool.bufferWithinCap(200);

        assertThat(pool.bufferWithinCap(100), is(nullValue()));
        assertThat(pool.stats().refused(), is(1L));
        assertThat("the refused buffer holds nothing", pool.liveBytes(), is(224L));
        assertThat(pool.fullReason(), is("the stream memory pool holds 224 bytes, at its cap of 256"
                + " (streamPoolMaxBytes)"));

        held.release();
        assertThat(pool.bufferWithinCap(100), is(not(nullValue())));
    }

    @Test
    void whatWasAcceptedAlreadyGetsItsBufferOverTheCapButNewWorkWaits() {
        MemoryPool pool = new MemoryPool("session", 64, true);
        ByteBuf headers = pool.buffer(64);
        ByteBuf more = pool.buffer(64);

        assertThat(pool.liveBytes(), is(128L));
        assertThat(pool.stats().peakBytes(), is(128L));
        assertThat(pool.admitsNewWork(), is(false));
        assertThat(pool.stats().refused(), is(1L));

        headers.release();
        more.release();
        assertThat(pool.admitsNewWork(), is(true));
        assertThat(pool.stats().peakBytes(), is(128L));
    }

    @Test
    void aBufferKeepsItsCapacity() {
        ByteBuf buffer = new MemoryPool("stream", NO_CAP, true).buffer(60);

        assertThat(buffer.capacity(), is(64));
        assertThrows(IndexOutOfBoundsException.class, () -> buffer.writeBytes(new byte[65]));
        assertThrows(UnsupportedOperationException.class, () -> buffer.capacity(32));
    }

    @Test
    void buffersLargerThanTheLargestClassAreExactAndNotKept() {
        MemoryPool pool = new MemoryPool("message", NO_CAP, true);
        int large = SizeClasses.LARGEST + 1;
        ByteBuf first = pool.buffer(large);
        first.release();

        ByteBuf second = pool.buffer(large);

        assertThat(second.capacity(), is(large));
        assertThat(pool.stats().reused(), is(0L));
        assertThat(pool.stats().allocatedBytes(), is(2L * large));
    }

    @Test
    void closingAScopeReleasesWhatItsOwnerStillHoldsAndCountsItReclaimed() {
        MemoryPool pool = new MemoryPool("stream", NO_CAP, true);
        MemoryPool.Scope scope = pool.openScope();
        scope.bufferWithinCap(10).release();
        scope.bufferWithinCap(20).retain();

        scope.close();

        assertThat(pool.liveBytes(), is(0L));
        assertThat(pool.stats().reclaimed(), is(1L));
    }

    @Test
    void buffersTakenAndFreedOnManyThreadsLeaveNothingLive() {
        MemoryPool pool = new MemoryPool("message", NO_CAP, true);
        List<CompletableFuture<Void>> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 20_000; i++) {
                    pool.buffer(50 + i % 3000).writeByte(i).release();
                }
            }));
        }
        threads.forEach(CompletableFuture::join);

        assertThat(pool.liveBytes(), is(0L));
        assertThat(pool.stats().buffers(), is(80_000L));
        assertThat("most arrays were reused: " + pool.stats(), pool.stats().reused() > 70_000, is(true));
    }

    @Test
    void aCapBelowOneIsRefusedNamingItsSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MemoryPool("server", 0, true));

        assertThat(e.getMessage(), containsString("serverPoolMaxBytes 0 must be at least 1"));
    }

    private static long address(ByteBuf buffer) {
        return PlatformDependent.directBufferAddress(buffer.nioBuffer(0, buffer.capacity()));
    }
}
