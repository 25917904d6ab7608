package io.spdypush.rar.spdy;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2Error;
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

/**
 * The answers on one HTTP/2 connection (docs/PROTOCOL.md §3, §10): HEADERS, then the body in DATA. A business
 * reply's sub-resources are pushed with PUSH_PROMISE, before the reply's body ends, when the client allows server
 * push, as many as its concurrent-stream limit leaves room for; the others are tagged in {@code push-subresources}
 * and each linked with {@code rel=preload}. A body still waiting for the client's window after {@code writeTimeout}
 * is given up with RST_STREAM CANCEL. Written through Netty's connection handler's encoder, with its context; touched
 * only on the connection's event loop.
 */
final class Http2Replies implements StreamReplies {

    private final ChannelHandlerContext codecCtx;
    private final LeanHttp2ConnectionHandler codec;
    private final Http2ConnectionEncoder encoder;
    private final Http2Connection connection;
    private final UnansweredStreams streams;
    private final MemoryPool bodies;
    private final int maxPushBytes;
    private final String scheme;
    private final Duration writeTimeout;

    /**
     * @param codecCtx the context of {@code codec}, which its encoder writes with
     * @param streams  the client's streams not yet answered; a stream leaves it once answered
     * @param bodies   the pool for reply and sub-resource bodies ({@code stream})
     */
    Http2Replies(ChannelHandlerContext codecCtx, LeanHttp2ConnectionHandler codec, UnansweredStreams streams,
                 MemoryPool bodies, int maxPushBytes, String scheme, Duration writeTimeout) {
        this.codecCtx = codecCtx;
        this.codec = codec;
        this.encoder = codec.encoder();
        this.connection = codec.connection();
        this.streams = streams;
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
        streams.remove(streamId);
        Http2Headers headers = new DefaultHttp2Headers().status("204");
        CorsPolicy.preflight(allowed, headers::set);
        headers(streamId, headers, true);
        flush();
    }

    /** Refuses a push stream: the status, {@code retry-after} when not null, and a short reason (§10). */
    void refusePushStream(int streamId, int status, Integer retryAfterSeconds) {
        if (!streams.remove(streamId)) {
            return;
        }
        Http2Headers headers = withCors(streamId, textHeaders(status, refusalReason(status)));
        if (retryAfterSeconds != null) {
            headers.set(PushHeaders.RETRY_AFTER, retryAfterSeconds.toString());
        }
        writeText(streamId, headers, refusalReason(status));
    }

    /** Accepts a push stream: {@code 200} whose body is the packet stream, which does not end (§10). */
    void acceptPushStream(int streamId, String sessionId, long heartbeatSeconds) {
        Http2Headers headers = withCors(streamId, new DefaultHttp2Headers().status("200"))
                .set(PushHeaders.CONTENT_TYPE, PushHeaders.PACKETS_CONTENT_TYPE)
                .set(PushHeaders.PUSH_SESSION, sessionId)
                .set(PushHeaders.PUSH_HEARTBEAT, Long.toString(heartbeatSeconds));
        headers(streamId, headers, false);
        flush();
    }

    @Override
    public void plainText(int streamId, int status, String reason) {
        if (streams.remove(streamId)) {
            writeText(streamId, withCors(streamId, textHeaders(status, reason)), reason);
        }
    }

    @Override
    public void ack(int streamId, long acknowledged) {
        if (streams.remove(streamId)) {
            Http2Headers headers = withCors(streamId, new DefaultHttp2Headers().status("200"))
                    .set(PushHeaders.PUSH_ACK, SeqValues.format(acknowledged));
            headers(streamId, headers, true);
            flush();
        }
    }

    @Override
    public void answer(RequestStream request, BusinessResponse response) {
        int streamId = request.streamId();
        if (!streams.remove(streamId)) {
            return; // reset by the client meanwhile
        }
        List<Subresource> pushed = connection.remote().allowPushTo()
                ? ReplyHeaders.pushed(response, request.have(), maxPushBytes, roomForPushes()) : List.of();
        boolean bodyless = response.bodyLength() == 0 && pushed.isEmpty();
        Http2Headers headers = withCors(streamId, new DefaultHttp2Headers().status(Integer.toString(response.status())));
        ReplyHeaders.forEach(response, headers::set);
        for (Subresource subresource : response.subresources()) {
            if (!pushed.contains(subresource) && !request.have().contains(subresource.path())) {
                headers.add(PushHeaders.LINK, ReplyHeaders.preload(subresource));
            }
        }
        headers(streamId, headers, bodyless);
        int[] pushStreamIds = new int[pushed.size()];
        for (int i = 0; i < pushed.size(); i++) {
            pushStreamIds[i] = connection.local().incrementAndGetNextStreamId();
            Http2Headers promised = new DefaultHttp2Headers().method("GET").path(pushed.get(i).path()).scheme(scheme);
            if (request.host() != null) {
                promised.authority(request.host());
            }
            encoder.writePushPromise(codecCtx, streamId, pushStreamIds[i], promised, 0, codecCtx.newPromise());
        }
        List<ChannelFuture> bodiesSent = new ArrayList<>(pushed.size() + 1);
        List<Integer> bodyStreamIds = new ArrayList<>(pushed.size() + 1);
        if (!bodyless) {
            bodiesSent.add(data(streamId, response.body()));
            bodyStreamIds.add(streamId);
        }
        for (int i = 0; i < pushed.size(); i++) {
            Subresource subresource = pushed.get(i);
            Http2Headers pushedHeaders = new DefaultHttp2Headers().status("200")
                    .set(PushHeaders.CONTENT_TYPE, subresource.contentType())
                    .set(PushHeaders.CONTENT_LENGTH, Integer.toString(subresource.length()));
            headers(pushStreamIds[i], pushedHeaders, false);
            bodiesSent.add(data(pushStreamIds[i], subresource.body()));
            bodyStreamIds.add(pushStreamIds[i]);
        }
        flush();
        // Most bodies have left by now; only a reply still waiting for the client's window needs a timer.
        if (bodiesSent.stream().anyMatch(sent -> !sent.isDone())) {
            codecCtx.executor().schedule(() -> {
                for (int i = 0; i < bodiesSent.size(); i++) {
                    if (!bodiesSent.get(i).isDone()) {
                        codec.resetStream(codecCtx, bodyStreamIds.get(i), Http2Error.CANCEL.code(),
                                codecCtx.newPromise());
                    }
                }
                flush();
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

    /**
     * How many more streams the server may open: the client's SETTINGS_MAX_CONCURRENT_STREAMS less those open, and
     * no more than the stream ids left to a connection that has lived long.
     */
    private long roomForPushes() {
        Http2Connection.Endpoint<?> server = connection.local();
        long idsLeft = (Integer.MAX_VALUE - (long) Math.max(server.lastStreamCreated(), 0)) / 2;
        return Math.max(0, Math.min(server.maxActiveStreams() - server.numActiveStreams(), idsLeft));
    }

    private void writeText(int streamId, Http2Headers headers, String reason) {
        headers(streamId, headers, false);
        encoder.writeData(codecCtx, streamId, ByteBufUtil.writeUtf8(codecCtx.alloc(), reason), 0, true,
                codecCtx.newPromise());
        flush();
    }

    private ChannelFuture headers(int streamId, Http2Headers headers, boolean endOfStream) {
        return encoder.writeHeaders(codecCtx, streamId, headers, 0, endOfStream, codecCtx.newPromise());
    }

    private ChannelFuture data(int streamId, byte[] body) {
        return encoder.writeData(codecCtx, streamId, bodies.buffer(body.length).writeBytes(body), 0, true,
                codecCtx.newPromise());
    }

    /** Through the connection handler, which writes what its flow controller holds first. */
    private void flush() {
        codec.flush(codecCtx);
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
}
