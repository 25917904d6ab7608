package io.spdypush.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.spdypush.testing.ProtocolVectors;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bench's packet reading against docs/protocol-vectors.json: the seq, REDELIVERY and payload of each message
 * of the valid vectors, however the stream is split; the vectors of errors are the client's to refuse, the bench
 * trusts the server.
 */
class PacketScannerTest {

    private record Seen(long seq, boolean redelivery, String payloadHex) {
    }

    @Test
    void everyValidPacketVectorIsReadWholeAndSplitAtEveryOffset() {
        for (JsonObject vector : ProtocolVectors.packets()) {
            if (vector.containsKey("error")) {
                continue;
            }
            List<Seen> expected = new ArrayList<>();
            for (JsonValue value : vector.getJsonArray("messages")) {
                JsonObject message = value.asJsonObject();
                expected.add(new Seen(message.getJsonNumber("seq").longValueExact(), message.getBoolean("redelivery"),
                        message.getString("payloadHex")));
            }
            byte[] stream = ProtocolVectors.bytes(vector.getString("hex"));
            for (int split = 0; split <= stream.length; split++) {
                assertThat(vector.getString("name") + ", split at " + split,
                        scan(Arrays.copyOfRange(stream, 0, split), Arrays.copyOfRange(stream, split, stream.length)),
                        is(expected));
            }
        }
    }

    private static List<Seen> scan(byte[]... chunks) {
        PacketScanner scanner = new PacketScanner();
        List<Seen> seen = new ArrayList<>();
        for (byte[] chunk : chunks) {
            ByteBuf bytes = Unpooled.wrappedBuffer(chunk);
            scanner.scan(ByteBufAllocator.DEFAULT, bytes, (seq, redelivery, buf, from, to) -> {
                byte[] payload = new byte[to - from];
                buf.getBytes(from, payload);
                seen.add(new Seen(seq, redelivery, HexFormat.of().formatHex(payload)));
            });
            bytes.release();
        }
        scanner.release();
        return seen;
    }
}
