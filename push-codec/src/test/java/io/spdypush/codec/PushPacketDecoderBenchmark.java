package io.spdypush.codec;

import io.spdypush.protocol.ProtocolDefaults;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: parsing push packets from DATA chunks whose boundaries fall anywhere (docs/PROTOCOL.md §2): 64 packets of
 * a 100-byte payload, cut into chunks of the given size, per operation. Not a test: run with
 * {@code mvn -o -q -pl push-codec -am test-compile exec:exec}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PushPacketDecoderBenchmark {

    private static final int PACKETS = 64;

    /** DATA chunk size: 7 splits every packet, 8192 is Netty's chunk and holds many packets. */
    @Param({"7", "1400", "8192"})
    int chunkBytes;

    private ByteBuf[] chunks;

    @Setup
    public void setUp() {
        byte[] meta = "id: 4f0c-1\ncontent-type: text/plain\n".getBytes(StandardCharsets.UTF_8);
        ByteBuf stream = Unpooled.buffer();
        for (int i = 0; i < PACKETS; i++) {
            stream.writeInt(12 + meta.length + 100).writeByte(1).writeByte(1).writeLong(1000 + i)
                    .writeShort(meta.length).writeBytes(meta).writeZero(100);
        }
        int count = (stream.readableBytes() + chunkBytes - 1) / chunkBytes;
        chunks = new ByteBuf[count];
        for (int i = 0; i < count; i++) {
            chunks[i] = stream.readRetainedSlice(Math.min(chunkBytes, stream.readableBytes()));
        }
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long parseSplitPackets() throws PacketFormatException {
        PushPacketDecoder decoder = new PushPacketDecoder(ByteBufAllocator.DEFAULT, ProtocolDefaults.MAX_PAYLOAD_BYTES);
        long sum = 0;
        for (ByteBuf chunk : chunks) {
            decoder.add(chunk);
            DecodedPacket message;
            while ((message = decoder.next()) != null) {
                sum += message.seq();
            }
        }
        decoder.release();
        return sum;
    }
}
