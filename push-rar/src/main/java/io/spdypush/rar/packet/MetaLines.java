package io.spdypush.rar.packet;

import io.spdypush.api.Audience;
import io.spdypush.api.PushMessage;

import java.nio.charset.StandardCharsets;

/** The meta section of a push packet (PROTOCOL.md §2): UTF-8 lines "name: value\n" with lowercase names. */
public final class MetaLines {

    private MetaLines() {
    }

    public static byte[] of(PushMessage message) {
        StringBuilder meta = new StringBuilder(96)
                .append("id: ").append(message.id()).append('\n')
                .append("content-type: ").append(message.contentType()).append('\n');
        if (message.audience() instanceof Audience.Topic topic) {
            meta.append("topic: ").append(topic.name()).append('\n');
        }
        if (message.expires() != null) {
            meta.append("expires: ").append(message.expires().toEpochMilli()).append('\n');
        }
        if (message.collapseKey() != null) {
            meta.append("collapse: ").append(message.collapseKey()).append('\n');
        }
        if (message.priority() != PushMessage.Priority.NORMAL) {
            meta.append("priority: ").append(message.priority().metaValue()).append('\n');
        }
        return meta.toString().getBytes(StandardCharsets.UTF_8);
    }
}
