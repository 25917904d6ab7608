package io.spdypush.rar.packet;

import io.spdypush.api.PushMessage;

import java.nio.charset.StandardCharsets;

/** The meta section of a push packet: UTF-8 lines "name: value\n" with lowercase names. */
public final class MetaLines {

    private MetaLines() {
    }

    public static byte[] of(PushMessage message) {
        return ("id: " + message.id() + '\n'
                + "content-type: " + message.contentType() + '\n')
                .getBytes(StandardCharsets.UTF_8);
    }
}
