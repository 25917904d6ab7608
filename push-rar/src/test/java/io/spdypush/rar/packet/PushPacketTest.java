package io.spdypush.rar.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.spdypush.api.PushMessage;
import io.spdypush.protocol.PushPacket;
import io.spdypush.codec.PushPacketWriter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class PushPacketTest {

    @Test
    void encodesTheFieldsOfProtocolSection2BigEndianPacketAfterPacket() {
        byte[] meta = "id: m1\ncontent-type: text/plain\n".getBytes(StandardCharsets.UTF_8);
        byte[] payload = "hi".getBytes(StandardCharsets.UTF_8);
        ByteBuf body = Unpooled.buffer().writeBytes(meta).writeBytes(payload);
        CompositeByteBuf packets = Unpooled.compositeBuffer();
        ByteBuf headers = Unpooled.buffer(2 * PushPacket.HEADER_BYTES);
        PushPacketWriter.append(packets, headers, 0x0102030405060708L,
                PushPacket.FLAG_ACK_REQUIRED | PushPacket.FLAG_REDELIVERY, body.retain(), meta.length);
        PushPacketWriter.append(packets, headers, 0x0102030405060709L, 0, body, meta.length);
        headers.release();
        try {
            String bodyHex = String.format("%04x", meta.length) + ByteBufUtil.hexDump(meta)
                    + ByteBufUtil.hexDump(payload);
            String lengthHex = String.format("%08x", 12 + meta.length + payload.length);
            assertThat(ByteBufUtil.hexDump(packets), is(lengthHex + "01" + "03" + "0102030405060708" + bodyHex
                    + lengthHex + "01" + "00" + "0102030405060709" + bodyHex));
        } finally {
            packets.release();
        }
        assertThat("the packets held the only references", body.refCnt() + headers.refCnt(), is(0));
    }

    @Test
    void metaLinesCarryIdAndContentTypeWithLowercaseNames() {
        PushMessage message = PushMessage.to("device-1").id("m-7").bytes("application/json", new byte[0]);
        assertThat(new String(MessageMeta.of(message), StandardCharsets.UTF_8),
                is("id: m-7\ncontent-type: application/json\n"));
    }

    @Test
    void metaLinesCarryTopicExpiryCollapseKeyAndHighPriority() {
        PushMessage message = PushMessage.toTopic("scores").id("m-8").text("1:0")
                .expires(Instant.ofEpochMilli(1_893_456_000_000L)).collapseKey("match-12")
                .priority(PushMessage.Priority.HIGH);
        assertThat(new String(MessageMeta.of(message), StandardCharsets.UTF_8),
                is("id: m-8\ncontent-type: text/plain; charset=utf-8\ntopic: scores\nexpires: 1893456000000\n"
                        + "collapse: match-12\npriority: high\n"));
    }

    @Test
    void limitsFollowTheProtocol() {
        assertThat(PushPacket.fitsLimits(PushPacket.MAX_META_BYTES, 1024), is(true));
        assertThat(PushPacket.fitsLimits(PushPacket.MAX_META_BYTES + 1, 0), is(false));
        assertThat(PushPacket.fitsLimits(100, PushPacket.MAX_LENGTH - 12 - 100), is(true));
        assertThat(PushPacket.fitsLimits(100, PushPacket.MAX_LENGTH - 12 - 99), is(false));
    }
}
