package io.spdypush.ejb.cluster;

import io.spdypush.api.Audience;
import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages and the adapter's answers as the nodes of a cluster send them each other: plain bytes. The grid's own
 * threads cannot load the application's classes, so nothing of ours is handed to Hazelcast but {@code byte[]}.
 */
final class ClusterWire {

    private static final byte CLIENT = 0;
    private static final byte CLIENTS = 1;
    private static final byte TOPIC = 2;
    private static final byte EVERYONE = 3;

    private ClusterWire() {
    }

    static void writeMessage(DataOutputStream out, PushMessage message) throws IOException {
        writeAudience(out, message.audience());
        out.writeUTF(message.id());
        out.writeUTF(message.contentType());
        byte[] payload = message.payload();
        out.writeInt(payload.length);
        out.write(payload);
        out.writeLong(message.expires() == null ? Long.MIN_VALUE : message.expires().toEpochMilli());
        out.writeUTF(message.collapseKey() == null ? "" : message.collapseKey());
        out.writeByte(message.priority().ordinal());
        out.writeByte(message.qos().ordinal());
    }

    static PushMessage readMessage(DataInputStream in) throws IOException {
        Audience audience = readAudience(in);
        String id = in.readUTF();
        String contentType = in.readUTF();
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        long expires = in.readLong();
        String collapseKey = in.readUTF();
        PushMessage.Priority priority = PushMessage.Priority.values()[in.readByte()];
        PushMessage.QualityOfService qos = PushMessage.QualityOfService.values()[in.readByte()];
        return new PushMessage(audience, id, contentType, payload,
                expires == Long.MIN_VALUE ? null : Instant.ofEpochMilli(expires),
                collapseKey.isEmpty() ? null : collapseKey, priority, qos);
    }

    static void writeDeliveries(DataOutputStream out, List<Delivery> deliveries) throws IOException {
        out.writeInt(deliveries.size());
        for (Delivery delivery : deliveries) {
            out.writeUTF(delivery.clientId());
            out.writeUTF(delivery.messageId());
            out.writeLong(delivery.seq());
            out.writeByte(delivery.status().ordinal());
            out.writeUTF(delivery.reason());
        }
    }

    static List<Delivery> readDeliveries(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<Delivery> deliveries = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            deliveries.add(new Delivery(in.readUTF(), in.readUTF(), in.readLong(),
                    Delivery.Status.values()[in.readByte()], in.readUTF()));
        }
        return deliveries;
    }

    private static void writeAudience(DataOutputStream out, Audience audience) throws IOException {
        if (audience instanceof Audience.Client one) {
            out.writeByte(CLIENT);
            out.writeUTF(one.clientId());
        } else if (audience instanceof Audience.Clients many) {
            out.writeByte(CLIENTS);
            out.writeInt(many.clientIds().size());
            for (String clientId : many.clientIds()) {
                out.writeUTF(clientId);
            }
        } else if (audience instanceof Audience.Topic topic) {
            out.writeByte(TOPIC);
            out.writeUTF(topic.name());
        } else {
            out.writeByte(EVERYONE);
        }
    }

    private static Audience readAudience(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        switch (kind) {
            case CLIENT:
                return new Audience.Client(in.readUTF());
            case CLIENTS:
                int count = in.readInt();
                List<String> clientIds = new ArrayList<>(Math.min(count, 1024));
                for (int i = 0; i < count; i++) {
                    clientIds.add(in.readUTF());
                }
                return new Audience.Clients(clientIds);
            case TOPIC:
                return new Audience.Topic(in.readUTF());
            case EVERYONE:
                return new Audience.Everyone();
            default:
                throw new IOException("unknown audience kind " + kind);
        }
    }
}
