package io.spdypush.rar.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.spdypush.api.PushMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class PushPacketTest {

    @Test
    void encodesTheFieldsOfProtocolSection2BigEndian() {
        byte[] meta = "id: m1\ncontent-type: text/plain\n".getBytes(StandardCharsets.UTF_8);
        byte[] payload = "hi".getBytes(StandardCharsets.UTF_8);
        ByteBuf packet = PushPacket.encode(UnpooledByteBufAllocator.DEFAULT, 0x0102030405060708L,
                PushPacket.FLAG_ACK_REQUIRED | PushPacket.FLAG_REDELIVERY, meta, payload);
        try {
            String expectedHex = String.format("%08x", 12 + meta.length + payload.length)
                    + "01" + "03" + "0102030405060708" + String.format("%04x", meta.length)
                    + ByteBufUtil.hexDump(meta) + ByteBufUtil.hexDump(payload);
            assertThat(ByteBufUtil.hexDump(packet), is(expectedHex));
        } finally {
            packet.release();
        }
    }

    @Test
    void metaLinesCarryIdAndContentTypeWithLowercaseNames() {
        PushMessage message = PushMessage.to("device-1").id("m-7").bytes("application/json", new byte[0]);
        assertThat(new String(MetaLines.of(message), StandardCharsets.UTF_8),
                is("id: m-7\ncontent-type: application/json\n"));
    }

    @Test
    void limitsFollowTheProtocol() {
        assertThat(PushPacket.fitsLimits(PushPacket.MAX_META_BYTES, 1024), is(true));
        assertThat(PushPacket.fitsLimits(PushPacket.MAX_META_BYTES + 1, 0), is(false));
        assertThat(PushPacket.fitsLimits(100, PushPacket.MAX_LENGTH - 12 - 100), is(true));
        assertThat(PushPacket.fitsLimits(100, PushPacket.MAX_LENGTH - 12 - 99), is(false));
    }
}
