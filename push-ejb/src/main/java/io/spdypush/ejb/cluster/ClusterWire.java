package io.spdypush.ejb.cluster;

import io.spdypush.api.Audience;
import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.api.SessionInfo;
import io.spdypush.api.TopicInfo;
import io.spdypush.ejb.DeliveryOutcome;
import io.spdypush.ejb.NodeStatus;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages, the adapter's answers and what nodes tell of themselves, as the nodes of a cluster send them each other: plain bytes. The grid's own
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

    static void writeNodeStatus(DataOutputStream out, NodeStatus status) throws IOException {
        out.writeUTF(status.node());
        out.writeInt(status.spdyPort());
        out.writeInt(status.sessionsOnline());
        out.writeInt(status.connections());
        out.writeLong(status.pendingMessages());
        out.writeBoolean(status.listening());
    }

    /** A node's status as it wrote it, seen from another node. */
    static NodeStatus readNodeStatus(DataInputStream in) throws IOException {
        return new NodeStatus(in.readUTF(), false, true, in.readInt(), in.readInt(), in.readInt(), in.readLong(),
                in.readBoolean());
    }

    static void writeSessions(DataOutputStream out, List<SessionInfo> sessions) throws IOException {
        out.writeInt(sessions.size());
        for (SessionInfo session : sessions) {
            out.writeUTF(session.clientId());
            out.writeUTF(session.sessionId());
            out.writeUTF(session.remoteAddress());
            out.writeLong(session.connectedAt().toEpochMilli());
            out.writeLong(session.lastHeartbeat() == null ? Long.MIN_VALUE : session.lastHeartbeat().toEpochMilli());
            out.writeInt(session.openStreams());
            writeStrings(out, session.topics());
            out.writeInt(session.pendingMessages());
            out.writeUTF(session.node());
            out.writeUTF(session.transport());
        }
    }

    static List<SessionInfo> readSessions(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<SessionInfo> sessions = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            String clientId = in.readUTF();
            String sessionId = in.readUTF();
            String remoteAddress = in.readUTF();
            Instant connectedAt = Instant.ofEpochMilli(in.readLong());
            long lastHeartbeat = in.readLong();
            sessions.add(new SessionInfo(clientId, sessionId, remoteAddress, connectedAt,
                    lastHeartbeat == Long.MIN_VALUE ? null : Instant.ofEpochMilli(lastHeartbeat), in.readInt(),
                    readStrings(in), in.readInt(), in.readUTF(), in.readUTF()));
        }
        return sessions;
    }

    static void writeTopics(DataOutputStream out, List<TopicInfo> topics) throws IOException {
        out.writeInt(topics.size());
        for (TopicInfo topic : topics) {
            out.writeUTF(topic.name());
            out.writeInt(topic.subscribers());
        }
    }

    static List<TopicInfo> readTopics(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<TopicInfo> topics = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            topics.add(new TopicInfo(in.readUTF(), in.readInt()));
        }
        return topics;
    }

    static void writeOutcomes(DataOutputStream out, List<DeliveryOutcome> outcomes) throws IOException {
        out.writeInt(outcomes.size());
        for (DeliveryOutcome outcome : outcomes) {
            out.writeUTF(outcome.clientId());
            out.writeUTF(outcome.messageId());
            out.writeLong(outcome.seq());
            out.writeByte(outcome.state().ordinal());
            out.writeUTF(outcome.reason());
        }
    }

    static List<DeliveryOutcome> readOutcomes(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<DeliveryOutcome> outcomes = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            outcomes.add(new DeliveryOutcome(in.readUTF(), in.readUTF(), in.readLong(),
                    DeliveryOutcome.State.values()[in.readByte()], in.readUTF()));
        }
        return outcomes;
    }

    private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String string : strings) {
            out.writeUTF(string);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<String> strings = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            strings.add(in.readUTF());
        }
        return strings;
    }

    private static void writeAudience(DataOutputStream out, Audience audience) throws IOException {
        if (audience instanceof Audience.Client one) {
            out.writeByte(CLIENT);
            out.writeUTF(one.clientId());
        } else if (audience instanceof Audience.Clients many) {
            out.writeByte(CLIENTS);
            writeStrings(out, many.clientIds());
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
                return new Audience.Clients(readStrings(in));
            case TOPIC:
                return new Audience.Topic(in.readUTF());
            case EVERYONE:
                return new Audience.Everyone();
            default:
                throw new IOException("unknown audience kind " + kind);
        }
    }
}
