package io.spdypush.codec;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.spdypush.protocol.MetaLines;
import io.spdypush.protocol.PushPacket;
import io.spdypush.testing.ProtocolVectors;
import io.spdypush.testing.TrackingAllocator;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packet writer and decoder against the packet vectors of docs/protocol-vectors.json. */
class CodecVectorsTest {

    @Test
    void everyPacketVectorDecodesWholeAndSplitAtEveryOffset() throws Exception {
        for (JsonObject vector : ProtocolVectors.packets()) {
            byte[] stream = ProtocolVectors.bytes(vector.getString("hex"));
            for (int split = 0; split <= stream.length; split++) {
                String where = vector.getString("name") + ", split at " + split;
                byte[][] chunks = {Arrays.copyOfRange(stream, 0, split), Arrays.copyOfRange(stream, split, stream.length)};
                if (vector.containsKey("error")) {
                    PacketFormatException refused = assertThrows(PacketFormatException.class,
                            () -> decode(vector.getInt("maxPayloadBytes"), chunks), where);
                    assertThat(where, refused.getMessage(), containsString(vector.getString("error")));
                } else {
                    assertThat(where, decode(vector.getInt("maxPayloadBytes"), chunks), is(expected(vector)));
                }
            }
        }
    }

    @Test
    void theEncodablePacketVectorsAreWhatTheServerWrites() {
        for (JsonObject vector : ProtocolVectors.packets()) {
            if (!vector.getBoolean("encodable", false)) {
                continue;
            }
            DecodedPacket packet = expected(vector).get(0);
            StringBuilder meta = new StringBuilder();
            packet.meta().forEach((name, value) -> MetaLines.append(meta, name, value));
            byte[] metaBytes = meta.toString().getBytes(StandardCharsets.UTF_8);
            ByteBuf body = Unpooled.buffer().writeBytes(metaBytes).writeBytes(packet.payload());
            ByteBuf headers = Unpooled.buffer(PushPacket.HEADER_BYTES);
            CompositeByteBuf packets = Unpooled.compositeBuffer();
            try {
                PushPacketWriter.append(packets, headers, packet.seq(), packet.flags(), body, metaBytes.length);
                assertThat(vector.getString("name"), ByteBufUtil.hexDump(packets), is(vector.getString("hex")));
            } finally {
                packets.release();
                headers.release();
            }
        }
    }

    private static List<DecodedPacket> decode(int maxPayloadBytes, byte[][] chunks) throws PacketFormatException {
        TrackingAllocator alloc = new TrackingAllocator();
        PushPacketDecoder decoder = new PushPacketDecoder(alloc, maxPayloadBytes);
        List<DecodedPacket> packets = new ArrayList<>();
        try {
            for (byte[] bytes : chunks) {
                ByteBuf chunk = alloc.buffer(Math.max(1, bytes.length)).writeBytes(bytes);
                try {
                    decoder.add(chunk);
                } finally {
                    chunk.release();
                }
                for (DecodedPacket packet = decoder.next(); packet != null; packet = decoder.next()) {
                    packets.add(packet);
                }
            }
        } finally {
            decoder.release();
        }
        assertThat("unreleased buffers", alloc.unreleased(), is(0L));
        return packets;
    }

    private static List<DecodedPacket> expected(JsonObject vector) {
        List<DecodedPacket> packets = new ArrayList<>();
        for (JsonValue value : vector.getJsonArray("messages")) {
            JsonObject message = value.asJsonObject();
            Map<String, String> meta = new LinkedHashMap<>();
            message.getJsonObject("meta").forEach((name, text) -> meta.put(name, ((jakarta.json.JsonString) text)
                    .getString()));
            DecodedPacket packet = new DecodedPacket(message.getJsonNumber("seq").longValueExact(),
                    message.getInt("flags"), meta, HexFormat.of().parseHex(message.getString("payloadHex")));
            assertThat(packet.ackRequired(), is(message.getBoolean("ackRequired")));
            assertThat(packet.redelivery(), is(message.getBoolean("redelivery")));
            packets.add(packet);
        }
        return packets;
    }
}
