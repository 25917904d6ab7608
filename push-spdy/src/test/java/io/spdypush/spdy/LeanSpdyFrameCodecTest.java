package io.spdypush.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.internal.PlatformDependent;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

/**
 * DATA frames written from contents of several parts are read by Netty's stock decoder as written, and a body in
 * direct memory shared by many frames is never copied.
 */
class LeanSpdyFrameCodecTest {

    private static final byte[] BODY = "a message body that every recipient shares".getBytes(StandardCharsets.UTF_8);

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

    @Test
    void aDirectBodySharedByEveryRecipientGoesToTheSocketAsItIsNotCopiedPerFrame() {
        ByteBuf body = Unpooled.directBuffer(BODY.length).writeBytes(BODY);
        long bodyAddress = address(body.nioBuffer());
        for (int recipient = 1; recipient <= 3; recipient++) {
            EmbeddedChannel session = new EmbeddedChannel(new LeanSpdyFrameCodec(16384, true));
            ByteBuf packetHeader = Unpooled.directBuffer(4).writeInt(recipient);
            CompositeByteBuf packet = Unpooled.compositeBuffer(2).addComponents(true, packetHeader,
                    body.retainedSlice());

            session.writeOutbound(new DefaultSpdyDataFrame(1, packet));
            ByteBuf written = session.readOutbound();

            assertThat("a gathering write of direct memory", written.isDirect(), is(true));
            List<Long> addresses = new ArrayList<>();
            for (ByteBuffer part : written.nioBuffers()) {
                addresses.add(address(part));
            }
            assertThat("the body's own memory is among what is written", addresses, hasItem(bodyAddress));
            assertThat(ByteBufUtil.hexDump(written), is(ByteBufUtil.hexDump(Unpooled.buffer()
                    .writeInt(1).writeByte(0).writeMedium(4 + BODY.length).writeInt(recipient).writeBytes(BODY))));
            written.release();
            session.finishAndReleaseAll();
        }
        assertThat("every frame gave its reference back", body.refCnt(), is(1));
        body.release();
    }

    @Test
    void aHeapBodyIsCopiedOnceIntoTheFrame() {
        EmbeddedChannel session = new EmbeddedChannel(new LeanSpdyFrameCodec(16384, true));
        ByteBuf body = Unpooled.wrappedBuffer(BODY);

        session.writeOutbound(new DefaultSpdyDataFrame(3, body).setLast(true));
        ByteBuf written = session.readOutbound();

        assertThat(written.nioBufferCount(), is(1));
        assertThat(ByteBufUtil.hexDump(written), is(ByteBufUtil.hexDump(Unpooled.buffer()
                .writeInt(3).writeByte(1).writeMedium(BODY.length).writeBytes(BODY))));
        assertThat("the frame released its content", body.refCnt(), is(0));
        written.release();
        session.finishAndReleaseAll();
    }

    private static long address(ByteBuffer direct) {
        return PlatformDependent.directBufferAddress(direct) + direct.position();
    }
}
