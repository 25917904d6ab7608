package io.spdypush.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.spdy.SpdySessionHandler;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.spdypush.protocol.ProtocolDefaults;
import io.spdypush.spdy.LeanSpdyFrameCodec;
import java.util.function.Consumer;

/**
 * The handlers of each transport (docs/PROTOCOL.md §10), added before a session's {@link ClientSessionHandler} once
 * its transport is known, in Netty's order: the codec, the heartbeat, the codec's session handling where Netty has
 * one, then the transport's {@link SessionFraming}. The session and everything behind it are the same for all.
 */
final class ClientTransports {

    static final String SPDY_CODEC = "spdy-codec";
    static final String SPDY_SESSION = "spdy-session";
    static final String HTTP2_CODEC = "http2-codec";
    static final String HTTP1_CODEC = "http1-codec";
    static final String HEARTBEAT = "heartbeat";
    static final String FRAMING = "framing";
    /** The limit on the names and values of one header block the server sends: the server's own default. */
    static final int MAX_HEADER_BYTES = ProtocolDefaults.MAX_HEADER_BYTES;
    /** The largest piece of an HTTP/1.1 body handed on at once; push packets span pieces anyway. */
    private static final int MAX_HTTP1_CHUNK_BYTES = 64 * 1024;

    private ClientTransports() {
    }

    /**
     * The session's heartbeat: PINGs on SPDY/3.1 and HTTP/2 (§5), the push stream's silence on HTTP/1.1 (§10).
     *
     * @param dead told why, once, when the connection is found dead
     */
    static Heartbeat heartbeat(Transport wire, ClientSettings settings, Consumer<String> dead) {
        return switch (wire) {
            case SPDY -> Heartbeat.pinging(SpdyFraming.PINGS, settings.heartbeat(), settings.heartbeatTimeout(),
                    settings.authority(), dead);
            case H2 -> Heartbeat.pinging(Http2Framing.PINGS, settings.heartbeat(), settings.heartbeatTimeout(),
                    settings.authority(), dead);
            case HTTP1 -> Heartbeat.listening(settings.heartbeatServer(), settings.heartbeatTimeout(),
                    settings.authority(), dead);
            case AUTO -> throw new IllegalArgumentException("auto is no transport a connection speaks");
        };
    }

    /** Adds the transport's handlers before the session's and returns the framing, which tells it {@code events}. */
    static SessionFraming install(ChannelHandlerContext session, Transport wire, Heartbeat heartbeat,
                                  ClientSettings settings, StreamEvents events) {
        ChannelPipeline pipeline = session.pipeline();
        String before = session.name();
        switch (wire) {
            case SPDY -> {
                // Header blocks go out uncompressed and declare the smallest zlib window, so the server keeps 256
                // bytes of this client's header stream however long the session lives; and the client keeps no
                // Deflater.
                pipeline.addBefore(before, SPDY_CODEC, new LeanSpdyFrameCodec(MAX_HEADER_BYTES, true));
                // Before Netty's session handler, which answers the server's PINGs and never passes them on.
                pipeline.addBefore(before, HEARTBEAT, heartbeat);
                pipeline.addBefore(before, SPDY_SESSION, new SpdySessionHandler(SpdyVersion.SPDY_3_1, false));
                SpdyFraming framing = new SpdyFraming(settings, events);
                pipeline.addBefore(before, FRAMING, framing);
                return framing;
            }
            case H2 -> {
                // Server push stays allowed (SETTINGS_ENABLE_PUSH is left at its default, 1): sub-resources come as
                // PUSH_PROMISEs. Netty's codec answers the server's PINGs and passes them on.
                pipeline.addBefore(before, HTTP2_CODEC, Http2FrameCodecBuilder.forClient()
                        .initialSettings(Http2Settings.defaultSettings().maxHeaderListSize(MAX_HEADER_BYTES))
                        .gracefulShutdownTimeoutMillis(ClientSessionHandler.CLOSE_GRACE_MILLIS)
                        .build());
                pipeline.addBefore(before, HEARTBEAT, heartbeat);
                Http2Framing framing = new Http2Framing(settings, events);
                pipeline.addBefore(before, FRAMING, framing);
                return framing;
            }
            case HTTP1 -> {
                pipeline.addBefore(before, HTTP1_CODEC, http1Codec());
                pipeline.addBefore(before, HEARTBEAT, heartbeat);
                Http1Framing framing = new Http1Framing(settings, events);
                pipeline.addBefore(before, FRAMING, framing);
                return framing;
            }
            default -> throw new IllegalArgumentException("auto is no transport a connection speaks");
        }
    }

    /** HTTP/1.1's codec, for the push stream's connection and every request's. */
    static HttpClientCodec http1Codec() {
        return new HttpClientCodec(new HttpDecoderConfig().setMaxHeaderSize(MAX_HEADER_BYTES)
                .setMaxChunkSize(MAX_HTTP1_CHUNK_BYTES), false, false);
    }
}
