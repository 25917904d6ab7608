package io.spdypush.rar.spdy;

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
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameReader;
import io.netty.handler.codec.http2.Http2FrameWriter;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.UniformStreamByteDistributor;

/**
 * Netty's HTTP/2 frame codec, with every guard its builder sets up (rapid reset, queued control frames, empty DATA and
 * CONTINUATION floods, header list size), built for connections that sit idle for days (docs/PROTOCOL.md §10):
 * <ul>
 *   <li>no HPACK dynamic tables: SETTINGS_HEADER_TABLE_SIZE 0 keeps the client from indexing what it sends (Netty's
 *       decoder fails the connection if it does anyway), and the server never indexes what it sends. Each table
 *       otherwise holds up to 4 KiB of past headers per connection, a push-ack or a token each, for good; and the
 *       encoder's hash tables of that table have the fewest entries (Netty's builder gives them 64 each);</li>
 *   <li>the uniform byte distributor, not the weighted-fair one, which keeps priority state for closed streams: a
 *       push session has one long stream and short replies, and no client priorities to honour.</li>
 * </ul>
 * What this costs is a few bytes per header on the wire, against about 6 KiB of heap per idle connection
 * (BENCHMARKS.md, "Since 2026-12-06").
 */
final class LeanHttp2FrameCodec extends Http2FrameCodec {

    private LeanHttp2FrameCodec(Http2ConnectionEncoder encoder, Http2ConnectionDecoder decoder,
                                Http2Settings initialSettings) {
        super(encoder, decoder, initialSettings, false, true);
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

    /** A server codec announcing {@link #settings}. */
    static LeanHttp2FrameCodec forServer(Http2Settings settings, int maxResetsPerWindow, int resetWindowSeconds,
                                        long gracefulShutdownTimeoutMillis) {
        return new Builder(settings, maxResetsPerWindow, resetWindowSeconds, gracefulShutdownTimeoutMillis).build();
    }

    /**
     * Netty's builder, for the guards it adds to the decoder (resets received, empty DATA frames), around an encoder
     * and a decoder made here as the builder makes them, but with a frame writer whose HPACK encoder has the smallest
     * hash tables: the builder's has two of 64 entries per connection (544 bytes), for a table never used.
     */
    private static final class Builder extends AbstractHttp2ConnectionHandlerBuilder<LeanHttp2FrameCodec, Builder> {

        /** What the encoder's tables hold when nothing is indexed: Netty's least. */
        private static final int HPACK_ENCODER_ENTRIES = 2;

        Builder(Http2Settings settings, int maxResetsPerWindow, int resetWindowSeconds,
                long gracefulShutdownTimeoutMillis) {
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
        protected LeanHttp2FrameCodec build() {
            return super.build();
        }

        @Override
        protected LeanHttp2FrameCodec build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder,
                                            Http2Settings initialSettings) {
            LeanHttp2FrameCodec codec = new LeanHttp2FrameCodec(encoder, decoder, initialSettings);
            codec.gracefulShutdownTimeoutMillis(gracefulShutdownTimeoutMillis());
            return codec;
        }
    }
}
