package io.spdypush.rar.spdy;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.spdy.SpdySessionHandler;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.spdypush.spdy.LeanSpdyFrameCodec;

/**
 * The handlers of each transport of docs/PROTOCOL.md §10, added to a connection once its transport is known (by
 * ALPN with TLS, by its first bytes in cleartext). Every transport shares the sessions, the limits and the
 * application behind them; each brings its own codec and its own spelling of streams and heartbeats.
 */
final class Transports {

    static final String ALPN_SPDY_3_1 = "spdy/3.1";
    static final String ALPN_H2 = "h2";
    static final String ALPN_HTTP_1_1 = "http/1.1";

    static final String SPDY_CODEC = "spdy-codec";
    static final String INITIAL_SETTINGS = "initial-settings";
    static final String PROTOCOL_GUARD = "protocol-guard";
    static final String BACKPRESSURE = "backpressure";
    static final String LIVENESS = "liveness";
    static final String SPDY_SESSION = "spdy-session";
    static final String PUSH_SESSION = "push-session";
    static final String HTTP2_CODEC = "http2-codec";
    static final String HTTP1_CODEC = "http1-codec";
    /** The longest HTTP/1.1 request line (method, path and version); a longer one gets 414. */
    static final int MAX_REQUEST_LINE_BYTES = 8 * 1024;
    /** Resets a client may send in {@link #RESET_WINDOW_SECONDS} before HTTP/2's rapid reset rule closes it. */
    static final int MAX_RESETS_PER_WINDOW = 200;
    static final int RESET_WINDOW_SECONDS = 30;

    private final ServerContext context;
    /** The SETTINGS of every HTTP/2 connection, made once: Netty only reads them, and keeps them per connection. */
    private final Http2Settings http2Settings;

    Transports(ServerContext context) {
        this.context = context;
        this.http2Settings = LeanHttp2ConnectionHandler.settings(context.config().maxConcurrentStreams(),
                context.config().maxHeaderBytes());
    }

    /** Adds the transport ALPN named, SPDY/3.1 when the client named none. */
    void byAlpn(ChannelPipeline pipeline, String protocol) {
        switch (protocol) {
            case ALPN_H2 -> http2(pipeline);
            case ALPN_HTTP_1_1 -> http1(pipeline);
            default -> spdy(pipeline);
        }
    }

    /**
     * SPDY/3.1, in Netty's SPDY example order: frame codec, Netty's session handler (stream rules, flow control,
     * PING answers), then ours; between the codec and Netty's session handler, the guards that see every frame on
     * the wire (flood and stream rules, backpressure, heartbeats).
     */
    void spdy(ChannelPipeline pipeline) {
        ServerConfig config = context.config();
        pipeline.addLast(SPDY_CODEC, new LeanSpdyFrameCodec(config.maxHeaderBytes(), true));
        // Before the session handler, which sends its SETTINGS as soon as it is added.
        pipeline.addLast(INITIAL_SETTINGS, new InitialSettings());
        pipeline.addLast(PROTOCOL_GUARD, new ProtocolGuard(context.badInput(), config.maxFramesPerSecond()));
        pipeline.addLast(BACKPRESSURE, new Backpressure(config.writeTimeout(), context.badInput()));
        // Below the session handler, which answers the client's PINGs without passing them on.
        pipeline.addLast(LIVENESS, new SessionLiveness(config, context.badInput(), SessionLiveness.SPDY));
        pipeline.addLast(SPDY_SESSION, new SpdySessionHandler(SpdyVersion.SPDY_3_1, true, config.maxConcurrentStreams()));
        pipeline.addLast(PUSH_SESSION, new SessionHandler(context));
    }

    /**
     * HTTP/2: Netty's connection handler, built lean, with the §4 limits in its SETTINGS and its own guards (rapid
     * reset, queued control frames, CONTINUATION and empty DATA floods, header list size), its frames read through
     * the flood budget by our handler; then backpressure, heartbeats, and our handler in the pipeline.
     */
    void http2(ChannelPipeline pipeline) {
        ServerConfig config = context.config();
        Http2SessionHandler session = new Http2SessionHandler(context);
        pipeline.addLast(HTTP2_CODEC, LeanHttp2ConnectionHandler.forServer(http2Settings, MAX_RESETS_PER_WINDOW,
                RESET_WINDOW_SECONDS, config.shutdownGrace().toMillis(),
                new Http2FloodGuard(context.badInput(), config.maxFramesPerSecond(), session.frameListener())));
        pipeline.addLast(BACKPRESSURE, new Backpressure(config.writeTimeout(), context.badInput()));
        pipeline.addLast(LIVENESS, new SessionLiveness(config, context.badInput(), SessionLiveness.HTTP2));
        pipeline.addLast(PUSH_SESSION, session);
    }

    /** HTTP/1.1: Netty's codec, which bounds the request line and the headers, then our handler. */
    void http1(ChannelPipeline pipeline) {
        ServerConfig config = context.config();
        pipeline.addLast(HTTP1_CODEC, new HttpServerCodec(MAX_REQUEST_LINE_BYTES, config.maxHeaderBytes(),
                PushSession.MAX_FRAME_BYTES));
        pipeline.addLast(BACKPRESSURE, new Backpressure(config.writeTimeout(), context.badInput()));
        pipeline.addLast(PUSH_SESSION, new Http1Handler(context));
    }
}
