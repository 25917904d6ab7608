package io.spdypush.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.ArrayList;
import java.util.List;

/**
 * A fuzz input as the reads of a connection: its first byte is the read size less one (1 to 256), the
 * rest the bytes received. Decoders keep state between reads, so where the reads split the bytes
 * matters as much as the bytes.
 */
public final class Chunks {

    private Chunks() {
    }

    /** The reads, each a buffer from {@code alloc} that the reader must release. */
    public static List<ByteBuf> of(ByteBufAllocator alloc, byte[] input) {
        List<ByteBuf> reads = new ArrayList<>();
        if (input.length == 0) {
            return reads;
        }
        int size = (input[0] & 0xFF) + 1;
        for (int offset = 1; offset < input.length; offset += size) {
            int length = Math.min(size, input.length - offset);
            reads.add(alloc.heapBuffer(length).writeBytes(input, offset, length));
        }
        return reads;
    }
}
