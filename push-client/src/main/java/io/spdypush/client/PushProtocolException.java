package io.spdypush.client;

import java.io.IOException;

/** The server sent something docs/PROTOCOL.md does not allow; the client answers with GOAWAY PROTOCOL_ERROR. */
public class PushProtocolException extends IOException {

    public PushProtocolException(String message) {
        super(message);
    }

    public PushProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
