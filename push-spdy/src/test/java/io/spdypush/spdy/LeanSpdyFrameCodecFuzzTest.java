package io.spdypush.spdy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.SpdyProtocolException;
import io.spdypush.fuzzing.FuzzReport;
import io.spdypush.testing.Chunks;
import io.spdypush.testing.PipelineEnd;
import io.spdypush.testing.TrackingAllocator;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;

/**
 * The server's frame codec, with its shared-inflater header block decoder, on any bytes a client can
 * send: it passes frames on or reports a {@link SpdyProtocolException} (which Netty's session handler
 * turns into GOAWAY), never another exception, and releases every buffer it allocated.
 */
@ExtendWith(FuzzReport.class)
class LeanSpdyFrameCodecFuzzTest {

    /** The adapter's default maxHeaderBytes. */
    private static final int MAX_HEADER_BYTES = 16384;

    /** The input's first byte is the size less one of the chunks in which the rest arrives. */
    @FuzzTest
    void decodesFramesOrReportsProtocolErrorsAndReleasesEverything(byte[] input) {
        FuzzReport.execution();
        TrackingAllocator alloc = new TrackingAllocator();
        PipelineEnd end = new PipelineEnd();
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(alloc);
        channel.pipeline().addLast(new LeanSpdyFrameCodec(MAX_HEADER_BYTES, true), end);

        Chunks.of(alloc, input).forEach(channel::writeInbound);
        channel.finishAndReleaseAll();

        assertThat(end.escaped(), everyItem(instanceOf(SpdyProtocolException.class)));
        assertThat("unreleased buffers", alloc.unreleased(), is(0L));
    }
}
