package io.spdypush.codec;

import io.spdypush.protocol.PushPacket;

import static io.spdypush.testing.Packets.ACK_REQUIRED;
import static io.spdypush.testing.Packets.MESSAGE;
import static io.spdypush.testing.Packets.REDELIVERY;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.spdypush.testing.Packets;
import io.spdypush.testing.TrackingAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PushPacketDecoderTest {

    private static final int MAX_PAYLOAD = 1024;

    private final TrackingAllocator alloc = new TrackingAllocator();
    private final PushPacketDecoder decoder = new PushPacketDecoder(alloc, MAX_PAYLOAD);

    private final DecodedPacket first = new DecodedPacket(1, PushPacket.flags(true, false),
            Map.of("id", "m-1", "content-type", "text/plain"), "hello".getBytes(StandardCharsets.UTF_8));
    private final DecodedPacket second = new DecodedPacket(2, PushPacket.flags(false, true),
            Map.of("id", "m-2", "content-type", "application/octet-stream"), Packets.pattern(300));
    private final DecodedPacket third = new DecodedPacket(3, PushPacket.flags(true, true),
            Map.of("id", "m-3", "content-type", "application/json"), new byte[0]);
    private final byte[] stream = Packets.concat(
            Packets.message(1, ACK_REQUIRED, "m-1", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)),
            Packets.message(2, REDELIVERY, "m-2", "application/octet-stream", Packets.pattern(300)),
            Packets.message(3, ACK_REQUIRED | REDELIVERY, "m-3", "application/json", new byte[0]));

    @AfterEach
    void everyBufferIsReleased() {
        decoder.release();
        assertThat("unreleased buffers", alloc.unreleased(), is(0L));
    }

    @Test
    void decodesSeqFlagsMetaAndPayload() throws Exception {
        byte[] packet = Packets.packet(MESSAGE, ACK_REQUIRED | REDELIVERY, 42,
                "id: abc\ncontent-type: text/plain\ntopic: news\npriority: high\n", "hi".getBytes(StandardCharsets.UTF_8));

        List<DecodedPacket> messages = feed(packet);

        assertThat(messages, contains(new DecodedPacket(42, PushPacket.flags(true, true),
                Map.of("id", "abc", "content-type", "text/plain", "topic", "news", "priority", "high"),
                "hi".getBytes(StandardCharsets.UTF_8))));
        assertThat(List.copyOf(messages.get(0).meta().keySet()), contains("id", "content-type", "topic", "priority"));
    }

    @Test
    void decodesPacketsSplitInTwoAtEveryByteOffset() throws Exception {
        for (int split = 0; split <= stream.length; split++) {
            List<DecodedPacket> messages = feed(slice(0, split), slice(split, stream.length));

            assertThat("split at " + split, messages, contains(first, second, third));
        }
    }

    @Test
    void decodesPacketsFedOneByteAtATime() throws Exception {
        byte[][] chunks = new byte[stream.length][];
        for (int i = 0; i < stream.length; i++) {
            chunks[i] = slice(i, i + 1);
        }

        assertThat(feed(chunks), contains(first, second, third));
    }

    @Test
    void decodesSeveralPacketsFromOneChunk() throws Exception {
        assertThat(feed(stream), contains(first, second, third));
    }

    @Test
    void skipsAPacketOfUnknownTypeWholeWhereverTheChunksSplitIt() throws Exception {
        // The unknown packet's body looks like a MESSAGE packet, so a decoder that does not skip it whole shows.
        byte[] lookalike = Packets.text(99, "not-a-message", "x");
        byte[] withUnknown = Packets.concat(
                Packets.text(1, "m-1", "a"), Packets.packet(7, 0, 5, "", lookalike), Packets.text(2, "m-2", "b"));

        for (int split = 0; split <= withUnknown.length; split++) {
            List<DecodedPacket> messages = feed(
                    Arrays.copyOfRange(withUnknown, 0, split),
                    Arrays.copyOfRange(withUnknown, split, withUnknown.length));

            assertThat("split at " + split, messages.stream().map(packet -> packet.meta().get("id")).toList(),
                    contains("m-1", "m-2"));
        }
    }

    @Test
    void waitsForTheRestOfAPacketWithoutDeliveringIt() throws Exception {
        assertThat(feed(slice(0, 20)), is(empty()));
        assertThat(decoder.next(), is(nullValue()));
    }

    @Test
    void rejectsALengthBelowTwelve() {
        byte[] packet = Packets.withLength(11, MESSAGE, 0, 1, 0, new byte[0], new byte[0]);

        assertThat(rejection(packet), containsString("length 11 is below the minimum of 12"));
    }

    @Test
    void rejectsALengthAboveSixteenMebibytesFromTheLengthFieldAlone() {
        byte[] lengthOnly = {0x01, 0x00, 0x00, 0x01};

        assertThat(rejection(lengthOnly), containsString("length 16777217 is above the limit"));
    }

    @Test
    void rejectsAMetaLengthThatDoesNotFitInThePacket() {
        byte[] packet = Packets.withLength(12 + 4, MESSAGE, 0, 1, 5, "id: ".getBytes(StandardCharsets.UTF_8),
                new byte[0]);

        assertThat(rejection(packet), containsString("metaLength 5 does not fit in packet length 16"));
    }

    @Test
    void rejectsMetaAboveEightKibibytes() {
        String meta = "id: m\ncontent-type: text/plain\nx: " + "a".repeat(8 * 1024) + "\n";

        assertThat(rejection(Packets.packet(MESSAGE, 0, 1, meta, new byte[0])), containsString("above the limit of 8192"));
    }

    @Test
    void rejectsAPayloadAboveTheConfiguredMaximumAsSoonAsTheHeaderArrives() {
        byte[] packet = Packets.message(1, 0, "m", "application/octet-stream", new byte[MAX_PAYLOAD + 1]);
        byte[] headerAndMeta = Arrays.copyOf(packet, packet.length - MAX_PAYLOAD);

        assertThat(rejection(headerAndMeta), containsString("payload of 1025 bytes is above the limit of 1024"));
    }

    @Test
    void acceptsAPayloadOfExactlyTheConfiguredMaximum() throws Exception {
        byte[] payload = Packets.pattern(MAX_PAYLOAD);

        assertThat(feed(Packets.message(1, 0, "m", "application/octet-stream", payload)).get(0).payload(), is(payload));
    }

    @Test
    void rejectsAMessageWithoutTheRequiredMeta() {
        byte[] packet = Packets.packet(MESSAGE, 0, 1, "id: m\n", new byte[0]);

        assertThat(rejection(packet), containsString("lacks the required meta 'content-type'"));
    }

    @Test
    void rejectsAMetaLineWithoutAName() {
        byte[] packet = Packets.packet(MESSAGE, 0, 1, "id: m\ncontent-type: a/b\nno colon here\n", new byte[0]);

        assertThat(rejection(packet), containsString("is not 'name: value'"));
    }

    @Test
    void lowercasesMetaNames() throws Exception {
        byte[] packet = Packets.packet(MESSAGE, 0, 1, "ID: m\nContent-Type: a/b\n", new byte[0]);

        assertThat(feed(packet).get(0).meta().get("content-type"), is("a/b"));
    }

    @Test
    void releasesTheBytesOfAnUnfinishedPacket() throws Exception {
        feed(slice(0, stream.length - 1));
        assertThat("the unfinished packet's bytes are held", alloc.unreleased(), is(1L));

        decoder.release();

        assertThat(alloc.unreleased(), is(0L));
    }

    private byte[] slice(int from, int to) {
        return Arrays.copyOfRange(stream, from, to);
    }

    /** Feeds each chunk as a buffer of its own, released after add() as the push stream does. */
    private List<DecodedPacket> feed(byte[]... chunks) throws PacketFormatException {
        List<DecodedPacket> messages = new ArrayList<>();
        for (byte[] bytes : chunks) {
            ByteBuf chunk = chunk(bytes);
            try {
                decoder.add(chunk);
            } finally {
                chunk.release();
            }
            DecodedPacket message;
            while ((message = decoder.next()) != null) {
                messages.add(message);
            }
        }
        return messages;
    }

    private ByteBuf chunk(byte[] bytes) {
        return alloc.buffer(bytes.length).writeBytes(bytes);
    }

    private String rejection(byte[] bytes) {
        return assertThrows(PacketFormatException.class, () -> feed(bytes)).getMessage();
    }
}
