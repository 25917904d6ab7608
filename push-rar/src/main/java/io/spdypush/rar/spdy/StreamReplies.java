package io.spdypush.rar.spdy;

import io.spdypush.api.BusinessResponse;

/**
 * How one connection answers the client's normal streams (docs/PROTOCOL.md §3), one implementation per transport
 * of §10. Called on the connection's event loop.
 */
interface StreamReplies {

    /** Answers with a status and a short plain-text reason as the body. */
    void plainText(int streamId, int status, String reason);

    /** Answers an acknowledgement with the seq now acknowledged in {@code push-ack}. */
    void ack(int streamId, long acknowledged);

    /** Writes the application's answer to a business request, with its sub-resources pushed or tagged. */
    void answer(RequestStream request, BusinessResponse response);
}
