package io.spdypush.rar.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2PushPromiseFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.spdypush.api.BusinessResponse;
import io.spdypush.api.Subresource;
import io.spdypush.protocol.PushHeaders;
import io.spdypush.protocol.SeqValues;
import io.spdypush.rar.pool.MemoryPool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The answers on one HTTP/2 connection (docs/PROTOCOL.md §3, §10): HEADERS, then the body in DATA. A business
 * reply's sub-resources are pushed with PUSH_PROMISE, before the reply's body ends, when the client allows server
 * push, as many as its concurrent-stream limit leaves room for; the others are tagged in {@code push-subresources}
 * and each linked with {@code rel=preload}. A body still waiting for the client's window after {@code writeTimeout}
 * is given up with RST_STREAM CANCEL. Touched only on the connection's event loop.
 */
final class Http2Replies implements StreamReplies {

    private final ChannelHandlerContext ctx;
    private final UnansweredStreams streams;
    private final Supplier<Http2FrameStream> newPushStream;
    private final Http2Connection connection;
    private final MemoryPool bodies;
    private final int maxPushBytes;
    private final String scheme;
    private final Duration writeTimeout;

    /**
     * @param streams       the client's streams not yet answered; a stream leaves it once answered
     * @param newPushStream makes the stream object of a pushed sub-resource
     * @param bodies        the pool for reply and sub-resource bodies ({@code stream})
     */
    Http2Replies(ChannelHandlerContext ctx, UnansweredStreams streams,
                 Supplier<Http2FrameStream> newPushStream, Http2Connection connection, MemoryPool bodies,
                 int maxPushBytes, String scheme, Duration writeTimeout) {
        this.ctx = ctx;
        this.streams = streams;
        this.newPushStream = newPushStream;
        this.connection = connection;
        this.bodies = bodies;
        this.maxPushBytes = maxPushBytes;
        this.scheme = scheme;
        this.writeTimeout = writeTimeout;
    }

    /** Answers a preflight: {@code 204} with what the page may send and read, or {@code 403} for another origin. */
    void preflight(int streamId, String origin) {
        String allowed = streams.corsOrigin(streamId);
        if (allowed == null) {
            plainText(streamId, 403, "the origin " + origin + " is not in allowedOrigins");
            return;
        }
        Http2FrameStream stream = streams.remove(streamId);
        Http2Headers headers = new DefaultHttp2Headers().status("204");
        CorsPolicy.preflight(allowed, headers::set);
        ctx.writeAndFlush(new DefaultHttp2HeadersFrame(headers, true).stream(stream));
    }

    /** Refuses a push stream: the status, {@code retry-after} when not null, and a short reason (§10). */
    void refusePushStream(int streamId, int status, Integer retryAfterSeconds) {
        Http2FrameStream stream = streams.remove(streamId);
        if (stream == null) {
            return;
        }
        Http2Headers headers = withCors(streamId, textHeaders(status, refusalReason(status)));
        if (retryAfterSeconds != null) {
            headers.set(PushHeaders.RETRY_AFTER, retryAfterSeconds.toString());
        }
        writeText(stream, headers, refusalReason(status));
    }

    /** Accepts a push stream: {@code 200} whose body is the packet stream, which does not end (§10). */
    void acceptPushStream(Http2FrameStream stream, String sessionId, long heartbeatSeconds) {
        Http2Headers headers = withCors(stream.id(), new DefaultHttp2Headers().status("200"))
                .set(PushHeaders.CONTENT_TYPE, PushHeaders.PACKETS_CONTENT_TYPE)
                .set(PushHeaders.PUSH_SESSION, sessionId)
                .set(PushHeaders.PUSH_HEARTBEAT, Long.toString(heartbeatSeconds));
        ctx.writeAndFlush(new DefaultHttp2HeadersFrame(headers).stream(stream));
    }

    @Override
    public void plainText(int streamId, int status, String reason) {
        Http2FrameStream stream = streams.remove(streamId);
        if (stream != null) {
            writeText(stream, withCors(streamId, textHeaders(status, reason)), reason);
        }
    }

    @Override
    public void ack(int streamId, long acknowledged) {
        Http2FrameStream stream = streams.remove(streamId);
        if (stream != null) {
            Http2Headers headers = withCors(streamId, new DefaultHttp2Headers().status("200"))
                    .set(PushHeaders.PUSH_ACK, SeqValues.format(acknowledged));
            ctx.writeAndFlush(new DefaultHttp2HeadersFrame(headers, true).stream(stream));
        }
    }

    @Override
    public void answer(RequestStream request, BusinessResponse response) {
        Http2FrameStream stream = streams.remove(request.streamId());
        if (stream == null) {
            return; // reset by the client meanwhile
        }
        List<Subresource> pushed = connection.remote().allowPushTo()
                ? ReplyHeaders.pushed(response, request.have(), maxPushBytes, roomForPushes()) : List.of();
        boolean bodyless = response.bodyLength() == 0 && pushed.isEmpty();
        Http2Headers headers = withCors(request.streamId(),
                new DefaultHttp2Headers().status(Integer.toString(response.status())));
        ReplyHeaders.forEach(response, headers::set);
        for (Subresource subresource : response.subresources()) {
            if (!pushed.contains(subresource) && !request.have().contains(subresource.path())) {
                headers.add(PushHeaders.LINK, ReplyHeaders.preload(subresource));
            }
        }
        ctx.write(new DefaultHttp2HeadersFrame(headers, bodyless).stream(stream));
        List<Http2FrameStream> pushStreams = new ArrayList<>(pushed.size());
        for (Subresource subresource : pushed) {
            Http2FrameStream pushStream = newPushStream.get();
            Http2Headers promised = new DefaultHttp2Headers().method("GET").path(subresource.path()).scheme(scheme);
            if (request.host() != null) {
                promised.authority(request.host());
            }
            ctx.write(new DefaultHttp2PushPromiseFrame(promised).pushStream(pushStream).stream(stream));
            pushStreams.add(pushStream);
        }
        List<ChannelFuture> bodiesSent = new ArrayList<>(pushed.size() + 1);
        List<Http2FrameStream> bodyStreams = new ArrayList<>(pushed.size() + 1);
        if (!bodyless) {
            bodiesSent.add(ctx.write(new DefaultHttp2DataFrame(body(response.body()), true).stream(stream)));
            bodyStreams.add(stream);
        }
        for (int i = 0; i < pushed.size(); i++) {
            Subresource subresource = pushed.get(i);
            Http2Headers pushedHeaders = new DefaultHttp2Headers().status("200")
                    .set(PushHeaders.CONTENT_TYPE, subresource.contentType())
                    .set(PushHeaders.CONTENT_LENGTH, Integer.toString(subresource.length()));
            ctx.write(new DefaultHttp2HeadersFrame(pushedHeaders).stream(pushStreams.get(i)));
            bodiesSent.add(ctx.write(new DefaultHttp2DataFrame(body(subresource.body()), true).stream(pushStreams.get(i))));
            bodyStreams.add(pushStreams.get(i));
        }
        ctx.flush();
        // Most bodies have left by now; only a reply still waiting for the client's window needs a timer.
        if (bodiesSent.stream().anyMatch(sent -> !sent.isDone())) {
            ctx.executor().schedule(() -> {
                for (int i = 0; i < bodiesSent.size(); i++) {
                    if (!bodiesSent.get(i).isDone()) {
                        ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.CANCEL).stream(bodyStreams.get(i)));
                    }
                }
            }, writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Adds the CORS headers when the stream's request came from an allowed origin. */
    private Http2Headers withCors(int streamId, Http2Headers headers) {
        String origin = streams.corsOrigin(streamId);
        if (origin != null) {
            CorsPolicy.answer(origin, headers::set);
        }
        return headers;
    }

    /** How many more streams the server may open: the client's SETTINGS_MAX_CONCURRENT_STREAMS less those open. */
    private long roomForPushes() {
        return Math.max(0, connection.local().maxActiveStreams() - connection.local().numActiveStreams());
    }

    private void writeText(Http2FrameStream stream, Http2Headers headers, String reason) {
        ByteBuf body = ByteBufUtil.writeUtf8(ctx.alloc(), reason);
        ctx.write(new DefaultHttp2HeadersFrame(headers).stream(stream));
        ctx.writeAndFlush(new DefaultHttp2DataFrame(body, true).stream(stream));
    }

    private static Http2Headers textHeaders(int status, String reason) {
        return new DefaultHttp2Headers().status(Integer.toString(status))
                .set(PushHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .set(PushHeaders.CONTENT_LENGTH, Integer.toString(ByteBufUtil.utf8Bytes(reason)));
    }

    /** The short text of a push stream refusal (§10). */
    static String refusalReason(int status) {
        return switch (status) {
            case 400 -> "the push stream request is malformed";
            case 401 -> "the token is missing, invalid or expired";
            case 409 -> "this connection has a push stream already";
            case 503 -> "the server cannot take this push stream now; retry later";
            default -> "refused";
        };
    }

    private ByteBuf body(byte[] bytes) {
        return bodies.buffer(bytes.length).writeBytes(bytes);
    }
}
