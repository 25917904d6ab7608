package io.spdypush.rar.spdy;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** docs/PROTOCOL.md §4's active streams, frame by frame. */
class OpenStreamsTest {

    private final OpenStreams streams = new OpenStreams();

    @Test
    void aRequestStreamIsOpenUntilBothSidesSentTheirFin() {
        streams.received(synStream(1, false, false));
        streams.received(new DefaultSpdyDataFrame(1, Unpooled.EMPTY_BUFFER).setLast(true));
        assertThat(streams.count(), is(1));
        streams.sent(new DefaultSpdySynReplyFrame(1));
        assertThat(streams.count(), is(1));
        streams.sent(new DefaultSpdyDataFrame(1, Unpooled.EMPTY_BUFFER).setLast(true));
        assertThat(streams.count(), is(0));
    }

    @Test
    void aPushStreamStaysOpenWhileTheServerWritesOnIt() {
        streams.received(synStream(1, true, false));
        for (int packet = 0; packet < 3; packet++) {
            streams.sent(new DefaultSpdyDataFrame(1, Unpooled.EMPTY_BUFFER));
        }
        assertThat(streams.count(), is(1));
    }

    @Test
    void aPushedSubresourceIsOpenUntilItsLastFrameOrTheClientsCancel() {
        streams.sent(synStream(2, false, true));
        streams.sent(synStream(4, false, true));
        assertThat(streams.count(), is(2));
        streams.sent(new DefaultSpdyDataFrame(2, Unpooled.EMPTY_BUFFER).setLast(true));
        streams.received(new DefaultSpdyRstStreamFrame(4, SpdyStreamStatus.CANCEL));
        assertThat(streams.count(), is(0));
    }

    @Test
    void aResetEitherWayClosesAndManyStreamsFit() {
        for (int id = 1; id <= 199; id += 2) {
            streams.received(synStream(id, false, false));
        }
        assertThat(streams.count(), is(100));
        streams.sent(new DefaultSpdyRstStreamFrame(51, SpdyStreamStatus.REFUSED_STREAM));
        streams.received(new DefaultSpdyRstStreamFrame(99, SpdyStreamStatus.CANCEL));
        streams.received(new DefaultSpdyRstStreamFrame(1001, SpdyStreamStatus.CANCEL));
        assertThat(streams.count(), is(98));
    }

    @Test
    void aStreamClosedInBothDirectionsAtOnceIsNeverOpen() {
        streams.sent(synStream(2, true, true));
        assertThat(streams.count(), is(0));
    }

    private static SpdySynStreamFrame synStream(int id, boolean last, boolean unidirectional) {
        SpdySynStreamFrame frame = new DefaultSpdySynStreamFrame(id, unidirectional ? 1 : 0, (byte) 0);
        frame.setLast(last);
        frame.setUnidirectional(unidirectional);
        return frame;
    }
}
