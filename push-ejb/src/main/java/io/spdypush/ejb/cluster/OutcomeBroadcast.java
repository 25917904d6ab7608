package io.spdypush.ejb.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import io.spdypush.ejb.DeliveryOutcome;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells every other node of the outcomes this node recorded, a batch at a time: a sender waiting on one node
 * ({@link io.spdypush.ejb.PushService#whenDone}) hears of the acknowledgement its client gave on another.
 */
final class OutcomeBroadcast {

    private static final Logger LOG = Logger.getLogger(OutcomeBroadcast.class.getName());
    private static final String TOPIC = "spdypush-outcomes";

    private final ITopic<byte[]> topic;
    private final Consumer<List<DeliveryOutcome>> heard;
    private UUID listener;

    /** @param heard told of the outcomes other nodes recorded, on the grid's event thread: it must not wait */
    OutcomeBroadcast(HazelcastInstance grid, Consumer<List<DeliveryOutcome>> heard) {
        this.topic = grid.getTopic(TOPIC);
        this.heard = heard;
    }

    void start() {
        listener = topic.addMessageListener(this::received);
    }

    void stop() {
        topic.removeMessageListener(listener);
    }

    void recorded(List<DeliveryOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            ClusterWire.writeOutcomes(out, outcomes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        topic.publish(bytes.toByteArray());
    }

    private void received(Message<byte[]> message) {
        if (message.getPublishingMember() != null && message.getPublishingMember().localMember()) {
            return; // this node told its own waiters already
        }
        try {
            heard.accept(ClusterWire.readOutcomes(new DataInputStream(new ByteArrayInputStream(
                    message.getMessageObject()))));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Outcomes told by another node could not be read, and are dropped: " + e, e);
        }
    }
}
