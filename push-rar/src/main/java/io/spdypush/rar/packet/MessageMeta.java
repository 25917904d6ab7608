package io.spdypush.rar.packet;

import io.spdypush.api.Audience;
import io.spdypush.api.PushMessage;
import io.spdypush.protocol.MetaLines;

import java.nio.charset.StandardCharsets;

/** The meta lines of a message's push packet (docs/PROTOCOL.md §2), in UTF-8. */
public final class MessageMeta {

    private MessageMeta() {
    }

    public static byte[] of(PushMessage message) {
        StringBuilder meta = new StringBuilder(96);
        MetaLines.append(meta, MetaLines.ID, message.id());
        MetaLines.append(meta, MetaLines.CONTENT_TYPE, message.contentType());
        if (message.audience() instanceof Audience.Topic topic) {
            MetaLines.append(meta, MetaLines.TOPIC, topic.name());
        }
        if (message.expires() != null) {
            MetaLines.append(meta, MetaLines.EXPIRES, message.expires().toEpochMilli());
        }
        if (message.collapseKey() != null) {
            MetaLines.append(meta, MetaLines.COLLAPSE, message.collapseKey());
        }
        if (message.priority() != PushMessage.Priority.NORMAL) {
            MetaLines.append(meta, MetaLines.PRIORITY, message.priority().metaValue());
        }
        return meta.toString().getBytes(StandardCharsets.UTF_8);
    }
}
