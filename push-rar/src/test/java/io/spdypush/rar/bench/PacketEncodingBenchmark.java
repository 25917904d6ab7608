package io.spdypush.rar.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.spdypush.api.PushMessage;
import io.spdypush.rar.packet.EncodedMessage;
import io.spdypush.rar.packet.MessageMeta;
import io.spdypush.protocol.PushPacket;
import io.spdypush.codec.PushPacketWriter;
import io.spdypush.rar.pool.MemoryPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: encoding a message once (meta lines and payload into one shared buffer) and one recipient's packet
 * (its 16-byte header around the shared body), the two steps of every push. Not a test: run with
 * {@code mvn -o -q -pl push-client,push-rar -am test-compile exec:exec}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PacketEncodingBenchmark {

    @Param({"100", "4096"})
    int payloadBytes;

    private final MemoryPool pool = new MemoryPool("message", Long.MAX_VALUE, true);
    private PushMessage message;
    private EncodedMessage encoded;
    private long seq;

    @Setup
    public void setUp() {
        message = PushMessage.to("device-42").bytes("application/octet-stream", new byte[payloadBytes]);
        encoded = EncodedMessage.encode(message, MessageMeta.of(message), pool);
    }

    @Benchmark
    public int encodeOnce() {
        EncodedMessage once = EncodedMessage.encode(message, MessageMeta.of(message), pool);
        int bytes = once.bytes();
        once.body().release();
        return bytes;
    }

    @Benchmark
    public int packetPerRecipient() {
        CompositeByteBuf packet = Unpooled.compositeBuffer(2);
        ByteBuf header = Unpooled.buffer(PushPacket.HEADER_BYTES);
        PushPacketWriter.append(packet, header, ++seq, PushPacket.FLAG_ACK_REQUIRED, encoded.body().retain(),
                encoded.metaLength());
        header.release();
        int bytes = packet.readableBytes();
        packet.release();
        return bytes;
    }
}
