package io.spdypush.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** Header blocks written without compression are read by a stock zlib SPDY/3.1 decoder, block after block. */
class UncompressedHeaderEncoderTest {

    @Test
    void aStockDecoderReadsSeveralHeaderBlocksOfOneSessionIncludingOneOverAStoredBlock() {
        EmbeddedChannel server = new EmbeddedChannel(new LeanSpdyFrameCodec(16384, true));
        EmbeddedChannel client = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1, 8192,
                256 * 1024, 6, 15, 8));
        String large = "x".repeat(40_000); // two of them make a block over 64 KiB
        SpdySynReplyFrame largeReply = reply(5, "x-first", large);
        largeReply.headers().set("x-second", large);

        server.writeOutbound(reply(1, "push-session", "s-1"), reply(3, "push-ack", "42"), largeReply);
        for (ByteBuf bytes = server.readOutbound(); bytes != null; bytes = server.readOutbound()) {
            client.writeInbound(bytes);
        }

        assertThat(header(client.readInbound(), "push-session"), is("s-1"));
        assertThat(header(client.readInbound(), "push-ack"), is("42"));
        SpdySynReplyFrame decodedLarge = client.readInbound();
        assertThat(header(decodedLarge, "x-first"), is(large));
        assertThat(header(decodedLarge, "x-second"), is(large));
        server.finishAndReleaseAll();
        client.finishAndReleaseAll();
    }

    private static SpdySynReplyFrame reply(int streamId, String name, String value) {
        SpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(streamId);
        reply.headers().set(":status", "200").set(":version", "HTTP/1.1").set(name, value);
        return reply;
    }

    private static String header(Object frame, String name) {
        return ((SpdySynReplyFrame) frame).headers().getAsString(name);
    }
}
