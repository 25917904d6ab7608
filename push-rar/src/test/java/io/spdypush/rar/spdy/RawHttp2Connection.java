package io.spdypush.rar.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Settings;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;

/**
 * An HTTP/2 client that writes whatever frames a test asks for, well-formed or hostile, with Netty's frame writer
 * (HPACK included) on a plain socket, and reads the server's frames by their 9-byte headers: enough to see a
 * GOAWAY or an RST_STREAM and its error code.
 */
final class RawHttp2Connection implements AutoCloseable {

    static final int TYPE_DATA = 0;
    static final int TYPE_HEADERS = 1;
    static final int TYPE_RST_STREAM = 3;
    static final int TYPE_SETTINGS = 4;
    static final int TYPE_GOAWAY = 7;
    static final int TYPE_CONTINUATION = 9;
    static final int FLAG_END_HEADERS = 0x4;
    static final int FLAG_ACK = 0x1;

    /** One frame the server sent: its type, flags, stream and payload. */
    record Frame(int type, int flags, int streamId, byte[] payload) {
            /** The value of a SETTINGS frame's setting, or null when the frame has none. */
        Long setting(int id) {
            for (int offset = 0; offset + 6 <= payload.length; offset += 6) {
                if (((payload[offset] & 0xff) << 8 | (payload[offset + 1] & 0xff)) == id) {
                    return ((payload[offset + 2] & 0xffL) << 24) | ((payload[offset + 3] & 0xff) << 16)
                            | ((payload[offset + 4] & 0xff) << 8) | (payload[offset + 5] & 0xff);
                }
            }
            return null;
        }

        /** The error code of a GOAWAY or an RST_STREAM. */
        long errorCode() {
            int offset = type == TYPE_GOAWAY ? 4 : 0;
            return ((payload[offset] & 0xffL) << 24) | ((payload[offset + 1] & 0xff) << 16)
                    | ((payload[offset + 2] & 0xff) << 8) | (payload[offset + 3] & 0xff);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final EmbeddedChannel encoder = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    private final ChannelHandlerContext ctx = encoder.pipeline().firstContext();
    /** Writes header lists of any size: the server's limits are what the tests try. */
    private final DefaultHttp2FrameWriter writer = new DefaultHttp2FrameWriter(Http2HeadersEncoder.NEVER_SENSITIVE, true);

    /** Connects and sends the preface and an empty SETTINGS. */
    RawHttp2Connection(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        in = socket.getInputStream();
        send(Http2CodecUtil.connectionPrefaceBuf());
        writer.writeSettings(ctx, new Http2Settings(), ctx.newPromise());
        flush();
    }

    /** A request's HEADERS, with a valid HPACK block. */
    RawHttp2Connection headers(int streamId, Http2Headers headers, boolean endStream) throws IOException {
        writer.writeHeaders(ctx, streamId, headers, 0, endStream, ctx.newPromise());
        return flush();
    }

    static Http2Headers get(String path, String... nameValues) {
        Http2Headers headers = new DefaultHttp2Headers().method("GET").path(path).scheme("http").authority("127.0.0.1");
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.add(nameValues[i], nameValues[i + 1]);
        }
        return headers;
    }

    RawHttp2Connection reset(int streamId) throws IOException {
        writer.writeRstStream(ctx, streamId, Http2Error.CANCEL.code(), ctx.newPromise());
        return flush();
    }

    RawHttp2Connection ping(long data) throws IOException {
        writer.writePing(ctx, false, data, ctx.newPromise());
        return flush();
    }

    RawHttp2Connection settings() throws IOException {
        writer.writeSettings(ctx, new Http2Settings(), ctx.newPromise());
        return flush();
    }

    RawHttp2Connection windowUpdate(int streamId, int increment) throws IOException {
        writer.writeWindowUpdate(ctx, streamId, increment, ctx.newPromise());
        return flush();
    }

    /** A raw frame of any type: for what Netty's writer will not write (a HEADERS that never ends, CONTINUATIONs). */
    RawHttp2Connection frame(int type, int flags, int streamId, byte[] payload) throws IOException {
        ByteBuf frame = Unpooled.buffer(9 + payload.length)
                .writeMedium(payload.length).writeByte(type).writeByte(flags).writeInt(streamId).writeBytes(payload);
        return send(frame);
    }

    /**
     * Reads the server's frames until one of {@code type} comes, or the connection ends (then null).
     *
     * @throws AssertionError when neither happens within {@code wait}
     */
    Frame next(int type, Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            while (true) {
                byte[] header = in.readNBytes(9);
                if (header.length < 9) {
                    return null;
                }
                int length = ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
                int streamId = ((header[5] & 0x7f) << 24) | ((header[6] & 0xff) << 16) | ((header[7] & 0xff) << 8)
                        | (header[8] & 0xff);
                byte[] payload = in.readNBytes(length);
                if ((header[3] & 0xff) == type) {
                    return new Frame(type, header[4] & 0xff, streamId, payload);
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("no frame of type " + type + " within " + wait);
        } catch (SocketException closed) {
            return null;
        }
    }

    /** Whether the server has closed the connection, reading and dropping what it still sends, within {@code wait}. */
    boolean closedWithin(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            ByteArrayOutputStream ignored = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            for (int read; (read = in.read(chunk)) >= 0; ) {
                ignored.write(chunk, 0, read);
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    private RawHttp2Connection flush() throws IOException {
        encoder.flush();
        for (ByteBuf written; (written = encoder.readOutbound()) != null; ) {
            send(written);
        }
        return this;
    }

    private RawHttp2Connection send(ByteBuf bytes) throws IOException {
        try {
            byte[] array = new byte[bytes.readableBytes()];
            bytes.readBytes(array);
            socket.getOutputStream().write(array);
            return this;
        } finally {
            bytes.release();
        }
    }

    @Override
    public void close() throws IOException {
        encoder.finishAndReleaseAll();
        socket.close();
    }
}
