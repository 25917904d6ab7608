package io.spdypush.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** DATA frames written from contents of several parts are read by Netty's stock decoder as written. */
class LeanSpdyFrameCodecTest {

    @Test
    void aStockDecoderReadsDataFramesWhoseContentHasSeveralPartsWithStreamIdAndFin() {
        EmbeddedChannel server = new EmbeddedChannel(new LeanSpdyFrameCodec(16384, true));
        EmbeddedChannel client = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
        ByteBuf body = Unpooled.copiedBuffer("shared body", StandardCharsets.US_ASCII);
        CompositeByteBuf packet = Unpooled.compositeBuffer()
                .addComponents(true, Unpooled.copiedBuffer("header|", StandardCharsets.US_ASCII), body.duplicate());
        ByteBuf directPart = Unpooled.directBuffer().writeBytes("direct".getBytes(StandardCharsets.US_ASCII));

        server.writeOutbound(new DefaultSpdyDataFrame(1, packet),
                new DefaultSpdyDataFrame(3, directPart).setLast(true));
        for (ByteBuf bytes = server.readOutbound(); bytes != null; bytes = server.readOutbound()) {
            client.writeInbound(bytes);
        }

        SpdyDataFrame first = client.readInbound();
        assertThat(first.streamId(), is(1));
        assertThat(first.isLast(), is(false));
        assertThat(first.content().toString(StandardCharsets.US_ASCII), is("header|shared body"));
        SpdyDataFrame second = client.readInbound();
        assertThat(second.streamId(), is(3));
        assertThat(second.isLast(), is(true));
        assertThat(second.content().toString(StandardCharsets.US_ASCII), is("direct"));
        assertThat("the frames' contents are released once written", packet.refCnt(), is(0));
        assertThat(directPart.refCnt(), is(0));
        first.release();
        second.release();
        server.finishAndReleaseAll();
        client.finishAndReleaseAll();
    }
}
