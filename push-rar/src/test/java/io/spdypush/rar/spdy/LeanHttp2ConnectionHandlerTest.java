package io.spdypush.rar.spdy;

import io.netty.handler.codec.http2.DecoratingHttp2ConnectionDecoder;
import io.netty.handler.codec.http2.DecoratingHttp2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The lean handler makes its encoder and decoder itself, to give them a smaller HPACK encoder; these tests hold it to
 * every guard Netty's own server codec has, so that a Netty upgrade that adds one does not leave ours without it.
 */
class LeanHttp2ConnectionHandlerTest {

    @Test
    void itsEncoderAndDecoderHaveTheGuardsOfNettysServerCodecInTheSameOrder() throws ReflectiveOperationException {
        Http2FrameCodec netty = Http2FrameCodecBuilder.forServer().build();
        LeanHttp2ConnectionHandler lean = LeanHttp2ConnectionHandler.forServer(
                LeanHttp2ConnectionHandler.settings(100, 8192), Transports.MAX_RESETS_PER_WINDOW,
                Transports.RESET_WINDOW_SECONDS, 1000, new Http2FrameAdapter());

        assertEquals(layers(netty.encoder(), DecoratingHttp2ConnectionEncoder.class),
                layers(lean.encoder(), DecoratingHttp2ConnectionEncoder.class));
        assertEquals(layers(netty.decoder(), DecoratingHttp2ConnectionDecoder.class),
                layers(lean.decoder(), DecoratingHttp2ConnectionDecoder.class));
        assertEquals(List.of("Http2MaxRstFrameLimitEncoder", "Http2ControlFrameLimitEncoder",
                "DefaultHttp2ConnectionEncoder"), layers(lean.encoder(), DecoratingHttp2ConnectionEncoder.class));
    }

    /** The class names of a decorator chain, outermost first, read through the decorators' private delegate. */
    private static List<String> layers(Object outermost, Class<?> decorator) throws ReflectiveOperationException {
        Field delegate = decorator.getDeclaredField("delegate");
        delegate.setAccessible(true);
        List<String> layers = new ArrayList<>();
        for (Object layer = outermost; layer != null;
             layer = decorator.isInstance(layer) ? delegate.get(layer) : null) {
            layers.add(layer.getClass().getSimpleName());
        }
        return layers;
    }
}
