package io.spdypush.rar.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.spdypush.api.PushMessage;
import io.spdypush.codec.DecodedPacket;
import io.spdypush.codec.PacketFormatException;
import io.spdypush.codec.PushPacketDecoder;
import io.spdypush.protocol.PushHeaders;
import io.spdypush.protocol.SeqValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

/**
 * An acknowledgement read on a push session's own connection takes the packets waiting in its outbox along in
 * the write of its answer, on SPDY and on HTTP/2, rather than leaving them to a write of their own once the wake
 * queued for them has its turn. The server's whole pipeline on an embedded connection, which, as an event loop
 * does, runs the tasks queued during a read only after it: what the read flushed is taken at its end.
 */
class PacketsWithAckAnswersTest {

    private static final String CLIENT = "device-1";
    private static final int PUSH_STREAM = 1;
    private static final int ACK_STREAM = 3;

    private PushServer server;
    private EmbeddedSocketChannel connection;

    @BeforeEach
    void connect() throws Exception {
        server = new PushServer(TestServers.config(), TestServers.TOKENS, null, Runnable::run, null,
                TestServers.EVENTS_IGNORED, TestServers.OUTBOX_MAX_TOTAL_BYTES);
        connection = new EmbeddedSocketChannel(new PushChannelInitializer(server.context(),
                new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE), null));
        connection.register();
    }

    @AfterEach
    void close() {
        connection.finishAndReleaseAll();
    }

    @Test
    void anHttp2AckAnswerCarriesThePacketsThatWait() throws PacketFormatException {
        Http2Client client = new Http2Client();
        connection.writeInbound(client.preface(), client.headers(PUSH_STREAM,
                request(PushHeaders.PUSH_METHOD, PushHeaders.PUSH_PATH).set(PushHeaders.PUSH_CLIENT, CLIENT)
                        .set(PushHeaders.AUTHORIZATION, bearer())));
        assertThat(client.framesOf(written()).seqs(), is(empty()));
        long first = send("first");
        connection.runPendingTasks(); // its wake writes it
        assertThat(client.framesOf(written()).seqs(), contains(first));

        long second = send("second"); // its wake is queued
        FlushedByRead read = new FlushedByRead();
        connection.pipeline().addLast(read);
        connection.writeInbound(client.headers(ACK_STREAM, request(PushHeaders.ACK_METHOD, PushHeaders.ACK_PATH)
                .set(PushHeaders.PUSH_ACK, SeqValues.format(first))));

        Http2Client.Frames answer = client.framesOf(read.flushed);
        assertThat("the acknowledgement is answered", answer.headersOn(), contains(ACK_STREAM));
        assertThat("the waiting packet leaves with the answer", answer.seqs(), contains(second));
        assertThat("the wake finds nothing left", client.framesOf(written()).seqs(), is(empty()));
    }

    @Test
    void aSpdyAckAnswerCarriesThePacketsThatWait() throws PacketFormatException {
        EmbeddedChannel client = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
        try {
            SpdySynStreamFrame push = synStream(PUSH_STREAM, PushHeaders.PUSH_METHOD, PushHeaders.PUSH_PATH);
            push.headers().set(PushHeaders.PUSH_CLIENT, CLIENT).set(PushHeaders.AUTHORIZATION, bearer());
            connection.writeInbound(encoded(client, push));
            assertThat(spdySeqs(client, written()), is(empty()));
            long first = send("first");
            connection.runPendingTasks();
            assertThat(spdySeqs(client, written()), contains(first));

            long second = send("second");
            FlushedByRead read = new FlushedByRead();
            connection.pipeline().addLast(read);
            SpdySynStreamFrame ack = synStream(ACK_STREAM, PushHeaders.ACK_METHOD, PushHeaders.ACK_PATH);
            ack.headers().set(PushHeaders.PUSH_ACK, SeqValues.format(first));
            connection.writeInbound(encoded(client, ack));

            assertThat("the waiting packet leaves with the answer", spdySeqs(client, read.flushed), contains(second));
            assertThat("the wake finds nothing left", spdySeqs(client, written()), is(empty()));
        } finally {
            client.finishAndReleaseAll();
        }
    }

    /** Takes what the server flushed by the end of a read, before the tasks queued meanwhile run. */
    private final class FlushedByRead extends ChannelInboundHandlerAdapter {

        private ByteBuf flushed;

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            flushed = written(); // the read's flush went out before this handler, the last, heard of its end
            ctx.fireChannelReadComplete();
        }
    }

    private long send(String text) {
        return server.send(PushMessage.to(CLIENT).text(text)).get(0).seq();
    }

    private static String bearer() {
        return PushHeaders.bearer(TestServers.token(CLIENT));
    }

    /** What the server flushed to the client so far, in one buffer. */
    private ByteBuf written() {
        return drained(connection);
    }

    /** The bytes {@code channel} wrote out so far, in one buffer; its own buffers are released. */
    private static ByteBuf drained(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf part; (part = channel.readOutbound()) != null; ) {
            all.writeBytes(part);
            part.release();
        }
        return all;
    }

    private static Http2Headers request(String method, String path) {
        return new DefaultHttp2Headers().method(method).path(path).scheme("http").authority("127.0.0.1");
    }

    private static SpdySynStreamFrame synStream(int streamId, String method, String path) {
        SpdySynStreamFrame frame = new DefaultSpdySynStreamFrame(streamId, 0, (byte) 0);
        frame.setLast(true);
        frame.headers().set(":method", method).set(":path", path).set(":version", "HTTP/1.1")
                .set(":host", "127.0.0.1").set(":scheme", "http");
        return frame;
    }

    private static ByteBuf encoded(EmbeddedChannel client, Object frame) {
        client.writeOutbound(frame);
        return drained(client);
    }

    /** The seqs of the packets in the push stream's DATA frames among {@code bytes}, which are released. */
    private static List<Long> spdySeqs(EmbeddedChannel client, ByteBuf bytes) throws PacketFormatException {
        client.writeInbound(bytes);
        PushPacketDecoder decoder = new PushPacketDecoder(client.alloc(), 1024 * 1024);
        try {
            for (Object frame; (frame = client.readInbound()) != null; ) {
                if (frame instanceof SpdyDataFrame data && data.streamId() == PUSH_STREAM) {
                    decoder.add(data.content());
                } else if (frame instanceof SpdySynReplyFrame reply && reply.streamId() == PUSH_STREAM) {
                    assertThat(reply.headers().getAsString(":status"), is("200"));
                }
                ReferenceCountUtil.release(frame);
            }
            return seqs(decoder);
        } finally {
            decoder.release();
        }
    }

    private static List<Long> seqs(PushPacketDecoder decoder) throws PacketFormatException {
        List<Long> seqs = new ArrayList<>();
        for (DecodedPacket packet; (packet = decoder.next()) != null; ) {
            seqs.add(packet.seq());
        }
        return seqs;
    }

    /** An HTTP/2 client of frames: Netty's frame writer for what it sends, the 9-byte frame headers for what it reads. */
    private static final class Http2Client {

        private static final int TYPE_DATA = 0;
        private static final int TYPE_HEADERS = 1;

        /** The streams the server sent HEADERS on and the seqs of the packets in the push stream's DATA. */
        record Frames(List<Integer> headersOn, List<Long> seqs) {
        }

        private final EmbeddedChannel encoder = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        private final ChannelHandlerContext ctx = encoder.pipeline().firstContext();
        private final DefaultHttp2FrameWriter writer = new DefaultHttp2FrameWriter();

        ByteBuf preface() {
            ByteBuf preface = Http2CodecUtil.connectionPrefaceBuf();
            writer.writeSettings(ctx, new Http2Settings(), ctx.newPromise());
            return Unpooled.wrappedBuffer(preface, sent());
        }

        ByteBuf headers(int streamId, Http2Headers headers) {
            writer.writeHeaders(ctx, streamId, headers, 0, true, ctx.newPromise());
            return sent();
        }

        private ByteBuf sent() {
            encoder.flush();
            return drained(encoder);
        }

        /** Reads the frames in {@code bytes}, which are released. */
        Frames framesOf(ByteBuf bytes) throws PacketFormatException {
            List<Integer> headersOn = new ArrayList<>();
            PushPacketDecoder decoder = new PushPacketDecoder(bytes.alloc(), 1024 * 1024);
            try {
                while (bytes.readableBytes() >= 9) {
                    int length = bytes.readUnsignedMedium();
                    int type = bytes.readUnsignedByte();
                    bytes.skipBytes(1); // flags
                    int streamId = bytes.readInt() & Integer.MAX_VALUE;
                    ByteBuf payload = bytes.readSlice(length);
                    if (type == TYPE_DATA && streamId == PUSH_STREAM) {
                        decoder.add(payload);
                    } else if (type == TYPE_HEADERS) {
                        headersOn.add(streamId);
                    }
                                    }
                return new Frames(headersOn, seqs(decoder));
            } finally {
                decoder.release();
                bytes.release();
            }
        }
    }
}
