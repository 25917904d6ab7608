package io.spdypush.codec;

import io.spdypush.protocol.PushPacket;

import java.util.Arrays;
import java.util.Map;

/**
 * A MESSAGE packet as {@link PushPacketDecoder} read it.
 *
 * @param meta    the meta lines by lowercase name, in their order; {@code id} and {@code content-type} among them
 * @param payload the payload, the decoder's copy
 */
public record DecodedPacket(long seq, int flags, Map<String, String> meta, byte[] payload) {

    public boolean ackRequired() {
        return (flags & PushPacket.FLAG_ACK_REQUIRED) != 0;
    }

    public boolean redelivery() {
        return (flags & PushPacket.FLAG_REDELIVERY) != 0;
    }

    /** Equal to another packet of the same fields, the payload compared by its bytes. */
    @Override
    public boolean equals(Object other) {
        return other instanceof DecodedPacket that && seq == that.seq && flags == that.flags
                && meta.equals(that.meta) && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Long.hashCode(seq) + flags) + meta.hashCode()) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "DecodedPacket[seq=" + seq + ", flags=" + flags + ", meta=" + meta + ", payload=" + payload.length
                + " bytes]";
    }
}
