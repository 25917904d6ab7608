package io.spdypush.codec;

import java.io.IOException;

/** Push stream bytes that break the packet format or its limits (docs/PROTOCOL.md §2): the session is over. */
public final class PacketFormatException extends IOException {

    public PacketFormatException(String message) {
        super(message);
    }

    public PacketFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
