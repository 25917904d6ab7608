package io.spdypush.rar.spdy;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.spdypush.codec.DecodedPacket;
import io.spdypush.codec.PushPacketDecoder;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Reads push packets from the body of a push stream that a stock HTTP client holds (docs/PROTOCOL.md §10). */
final class PacketReader {

    private PacketReader() {
    }

    /** Blocks until {@code count} MESSAGE packets have come; what follows them in the same read is dropped. */
    static List<DecodedPacket> read(InputStream body, int count) throws IOException {
        PushPacketDecoder decoder = new PushPacketDecoder(ByteBufAllocator.DEFAULT, 1024 * 1024);
        try {
            List<DecodedPacket> packets = new ArrayList<>();
            byte[] chunk = new byte[4096];
            while (packets.size() < count) {
                int read = body.read(chunk);
                if (read < 0) {
                    throw new AssertionError("the push stream ended after " + packets.size() + " packets");
                }
                decoder.add(Unpooled.wrappedBuffer(chunk, 0, read));
                for (DecodedPacket packet; (packet = decoder.next()) != null; ) {
                    packets.add(packet);
                }
            }
            return packets;
        } finally {
            decoder.release();
        }
    }
}
