package io.spdypush.rar.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.AbstractHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.DefaultHttp2ConnectionDecoder;
import io.netty.handler.codec.http2.DefaultHttp2ConnectionEncoder;
import io.netty.handler.codec.http2.DefaultHttp2FrameReader;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.DefaultHttp2RemoteFlowController;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2EncoderGuards;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2FrameListener;
import io.netty.handler.codec.http2.Http2FrameReader;
import io.netty.handler.codec.http2.Http2FrameWriter;
import io.netty.handler.codec.http2.Http2PingFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.UniformStreamByteDistributor;

/**
 * Netty's HTTP/2 connection handler (stream rules, flow control, SETTINGS and PING answers), with every guard its
 * builder sets up (rapid reset, queued control frames, empty DATA and CONTINUATION floods, header list size), built
 * for connections that sit idle for days (docs/PROTOCOL.md §10):
 * <ul>
 *   <li>the frames it reads go to one {@link Http2FrameListener}, and what is written goes straight to its encoder.
 *       Netty's frame codec would add, per connection, a map of streams being opened, a frame stream object and two
 *       events per stream, and listeners, about 0.5 KiB (BENCHMARKS.md, "Since 2026-12-07"), to turn each frame into
 *       an object in the pipeline that this server reads in one place anyway;</li>
 *   <li>no HPACK dynamic tables: SETTINGS_HEADER_TABLE_SIZE 0 keeps the client from indexing what it sends (Netty's
 *       decoder fails the connection if it does anyway), and the server never indexes what it sends. Each table
 *       otherwise holds up to 4 KiB of past headers per connection, a push-ack or a token each, for good; and the
 *       encoder's hash tables of that table have the fewest entries (Netty's builder gives them 64 each);</li>
 *   <li>the uniform byte distributor, not the weighted-fair one, which keeps priority state for closed streams: a
 *       push session has one long stream and short replies, and no client priorities to honour.</li>
 * </ul>
 * What this costs is a few bytes per header on the wire, against about 6 KiB of heap per idle connection
 * (BENCHMARKS.md, "Since 2026-12-06"). Two messages may be written from any thread, through the pipeline: the
 * push stream's {@link StreamData} and the server's {@link Http2PingFrame}.
 */
final class LeanHttp2ConnectionHandler extends Http2ConnectionHandler {

    private LeanHttp2ConnectionHandler(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder,
                                       Http2Settings initialSettings, Http2FrameListener listener) {
        super(decoder, encoder, initialSettings, false, true);
        decoder.frameListener(listener);
    }

    /** DATA on a stream, written as an ordinary message, from any thread; it owns its bytes. */
    static final class StreamData extends DefaultByteBufHolder {

        private final int streamId;

        StreamData(int streamId, ByteBuf content) {
            super(content);
            this.streamId = streamId;
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof StreamData data) {
            encoder().writeData(ctx, data.streamId, data.content(), 0, false, promise);
        } else if (msg instanceof Http2PingFrame ping) {
            encoder().writePing(ctx, ping.ack(), ping.content(), promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    /**
     * The SETTINGS a server announces: the §4 limits and no header table. One instance may serve every connection of
     * a server, as Netty never changes them.
     */
    static Http2Settings settings(int maxConcurrentStreams, long maxHeaderListSize) {
        return Http2Settings.defaultSettings()
                .maxConcurrentStreams(maxConcurrentStreams)
                .maxHeaderListSize(maxHeaderListSize)
                .headerTableSize(0);
    }

    /** A server's handler announcing {@link #settings}, its frames read by {@code listener}. */
    static LeanHttp2ConnectionHandler forServer(Http2Settings settings, int maxResetsPerWindow, int resetWindowSeconds,
                                                long gracefulShutdownTimeoutMillis, Http2FrameListener listener) {
        return new Builder(settings, maxResetsPerWindow, resetWindowSeconds, gracefulShutdownTimeoutMillis, listener)
                .build();
    }

    /**
     * Netty's builder, for the guards it adds to the decoder (resets received, empty DATA frames), around an encoder
     * and a decoder made here as the builder makes them, but with a frame writer whose HPACK encoder has the smallest
     * hash tables: the builder's has two of 64 entries per connection (544 bytes), for a table never used.
     */
    private static final class Builder
            extends AbstractHttp2ConnectionHandlerBuilder<LeanHttp2ConnectionHandler, Builder> {

        /** What the encoder's tables hold when nothing is indexed: Netty's least. */
        private static final int HPACK_ENCODER_ENTRIES = 2;

        private final Http2FrameListener listener;

        Builder(Http2Settings settings, int maxResetsPerWindow, int resetWindowSeconds,
                long gracefulShutdownTimeoutMillis, Http2FrameListener listener) {
            this.listener = listener;
            DefaultHttp2Connection connection = new DefaultHttp2Connection(true);
            connection.remote().flowController(
                    new DefaultHttp2RemoteFlowController(connection, new UniformStreamByteDistributor(connection)));
            Http2FrameWriter writer = new DefaultHttp2FrameWriter(new DefaultHttp2HeadersEncoder(
                    (name, value) -> true, false, HPACK_ENCODER_ENTRIES));
            Http2FrameReader reader = new DefaultHttp2FrameReader(new DefaultHttp2HeadersDecoder(true,
                    settings.maxHeaderListSize(), -1), decoderEnforceMaxSmallContinuationFrames());
            Http2ConnectionEncoder encoder = Http2EncoderGuards.guarded(
                    new DefaultHttp2ConnectionEncoder(connection, writer), encoderEnforceMaxQueuedControlFrames(),
                    maxResetsPerWindow, resetWindowSeconds);
            initialSettings(settings);
            decoderEnforceMaxRstFramesPerWindow(maxResetsPerWindow, resetWindowSeconds);
            gracefulShutdownTimeoutMillis(gracefulShutdownTimeoutMillis);
            codec(new DefaultHttp2ConnectionDecoder(connection, encoder, reader), encoder);
        }

        @Override
        protected LeanHttp2ConnectionHandler build() {
            return super.build();
        }

        @Override
        protected LeanHttp2ConnectionHandler build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder,
                                                   Http2Settings initialSettings) {
            return new LeanHttp2ConnectionHandler(decoder, encoder, initialSettings, listener);
        }
    }
}
