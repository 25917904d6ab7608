package io.spdypush.ejb.cluster;

import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** What one node sends another comes out as it went in, for every audience and every optional field. */
class ClusterWireTest {

    @Test
    void aMessageToEachAudienceCrossesUnchanged() throws IOException {
        Instant expires = Instant.ofEpochMilli(Instant.now().plus(Duration.ofMinutes(5)).toEpochMilli());
        List<PushMessage> messages = List.of(
                PushMessage.to("device-1").id("m-1").text("hello").expires(expires).collapseKey("score")
                        .priority(PushMessage.Priority.HIGH),
                PushMessage.to(List.of("a", "b", "c")).bytes("application/octet-stream", new byte[]{0, 1, -1}),
                PushMessage.toTopic("news/sport").text(""),
                PushMessage.toEveryone().text("to all"));
        for (PushMessage message : messages) {
            PushMessage crossed = crossed(message);
            assertThat(crossed.toString(), crossed, is(message));
        }
    }

    @Test
    void deliveriesOfEveryStatusCrossUnchanged() throws IOException {
        List<Delivery> deliveries = List.of(Delivery.accepted("a", "m", 1835417296822273L),
                Delivery.refused("b", "m", "the outbox is full"), Delivery.deferred("c", "m"),
                Delivery.notHome("d", "m"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ClusterWire.writeDeliveries(new DataOutputStream(bytes), deliveries);
        assertThat(ClusterWire.readDeliveries(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))),
                is(deliveries));
    }

    private static PushMessage crossed(PushMessage message) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ClusterWire.writeMessage(new DataOutputStream(bytes), message);
        return ClusterWire.readMessage(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }
}
