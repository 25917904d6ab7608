package io.spdypush.rar;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.spdypush.api.PushMessage;
import io.spdypush.protocol.PushPacket;
import io.spdypush.codec.PushPacketWriter;
import io.spdypush.rar.packet.MessageMeta;
import io.spdypush.rar.token.TokenSigner;
import io.spdypush.testing.ProtocolVectors;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The server's own side of docs/protocol-vectors.json: what it writes for a message, and what it makes of tokens. */
class ServerProtocolVectorsTest {

    private static final Duration CENTURY = Duration.ofDays(36_500);

    @Test
    void theServerWritesTheEncodablePacketVectorsForTheirMessages() {
        for (JsonObject vector : ProtocolVectors.packets()) {
            if (!vector.getBoolean("encodable", false)) {
                continue;
            }
            JsonObject expected = vector.getJsonArray("messages").getJsonObject(0);
            byte[] meta = MessageMeta.of(message(expected.getJsonObject("meta"),
                    HexFormat.of().parseHex(expected.getString("payloadHex"))));
            ByteBuf body = Unpooled.buffer().writeBytes(meta).writeBytes(
                    HexFormat.of().parseHex(expected.getString("payloadHex")));
            ByteBuf headers = Unpooled.buffer(PushPacket.HEADER_BYTES);
            CompositeByteBuf packets = Unpooled.compositeBuffer();
            try {
                PushPacketWriter.append(packets, headers, expected.getJsonNumber("seq").longValueExact(),
                        PushPacket.flags(expected.getBoolean("ackRequired"), expected.getBoolean("redelivery")),
                        body, meta.length);
                assertThat(vector.getString("name"), ByteBufUtil.hexDump(packets), is(vector.getString("hex")));
            } finally {
                packets.release();
                headers.release();
            }
        }
    }

    @Test
    void theServerAcceptsEveryValidTokenVectorBeforeItsExpiryForItsClientOnly() {
        for (JsonObject vector : ProtocolVectors.objects("tokens", "valid")) {
            TokenSigner signer = new TokenSigner(vector.getString("secret"), CENTURY);
            Instant beforeExpiry = Instant.ofEpochSecond(vector.getJsonNumber("expiry").longValue() - 1);

            assertThat(signer.verify(vector.getString("token"), vector.getString("clientId"), beforeExpiry),
                    is(TokenSigner.Verdict.VALID));
            assertThat(signer.verify(vector.getString("token"), "someone-else", beforeExpiry),
                    is(TokenSigner.Verdict.OTHER_CLIENT));
            assertThat(signer.verify(vector.getString("token"), vector.getString("clientId"),
                    beforeExpiry.plusSeconds(1)), is(TokenSigner.Verdict.EXPIRED));
        }
    }

    @Test
    void theServerRefusesEveryInvalidTokenVectorForItsReason() {
        for (JsonObject vector : ProtocolVectors.objects("tokens", "invalid")) {
            TokenSigner signer = new TokenSigner(vector.getString("secret"), CENTURY);

            TokenSigner.Verdict verdict = signer.verify(vector.getString("token"), "device-4", Instant.EPOCH);

            assertThat(vector.getString("why"), verdict, is(vector.getString("token").isEmpty()
                    ? TokenSigner.Verdict.MISSING : TokenSigner.Verdict.valueOf(vector.getString("problem"))));
        }
    }

    /** The message whose packet carries these meta lines: to a topic when there is one. */
    private static PushMessage message(JsonObject meta, byte[] payload) {
        PushMessage message = meta.containsKey("topic") ? PushMessage.toTopic(meta.getString("topic"))
                : PushMessage.to("device-1");
        message = message.id(meta.getString("id")).bytes(meta.getString("content-type"), payload);
        if (meta.containsKey("expires")) {
            message = message.expires(Instant.ofEpochMilli(Long.parseLong(meta.getString("expires"))));
        }
        if (meta.containsKey("collapse")) {
            message = message.collapseKey(meta.getString("collapse"));
        }
        if (meta.containsKey("priority")) {
            message = message.priority(PushMessage.Priority.valueOf(meta.getString("priority").toUpperCase()));
        }
        return message;
    }
}
