package io.spdypush.codec;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.spdypush.fuzzing.FuzzReport;
import io.spdypush.testing.Chunks;
import io.spdypush.testing.TrackingAllocator;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The client's push packet decoder on any byte stream, cut into chunks of any size: it returns
 * whole, valid messages or refuses with a {@link PacketFormatException}, never another exception,
 * and holds no buffer once released.
 */
@ExtendWith(FuzzReport.class)
class PushPacketDecoderFuzzTest {

    private static final int MAX_PAYLOAD = 64 * 1024;

    /** The input is the push stream's DATA as {@link Chunks}. */
    @FuzzTest
    void decodesOrRefusesAnyStreamAndReleasesEverything(byte[] input) {
        FuzzReport.execution();
        TrackingAllocator alloc = new TrackingAllocator();
        List<ByteBuf> reads = Chunks.of(alloc, input);
        PushPacketDecoder decoder = new PushPacketDecoder(alloc, MAX_PAYLOAD);
        try {
            for (ByteBuf read : reads) {
                decoder.add(read);
                for (DecodedPacket message = decoder.next(); message != null; message = decoder.next()) {
                    assertThat(message.seq(), greaterThanOrEqualTo(0L));
                    assertThat(message.meta(), hasKey("id"));
                    assertThat(message.meta(), hasKey("content-type"));
                    assertThat(message.payload().length, lessThanOrEqualTo(MAX_PAYLOAD));
                }
            }
        } catch (PacketFormatException refused) {
            // The session is over; the decoder must only be released.
        } finally {
            decoder.release();
            reads.forEach(ByteBuf::release);
        }
        assertThat("unreleased buffers", alloc.unreleased(), is(0L));
    }
}
