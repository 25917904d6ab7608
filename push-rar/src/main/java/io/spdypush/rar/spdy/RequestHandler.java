package io.spdypush.rar.spdy;

import io.spdypush.api.BusinessRequest;
import io.spdypush.api.BusinessResponse;

import java.util.concurrent.CompletionStage;

/**
 * The application side of business requests (docs/PROTOCOL.md §3.2): inside the server, message-driven
 * beans reached through the JCA inbound contract. It must answer off the event loop.
 */
@FunctionalInterface
public interface RequestHandler {

    /**
     * Answers a request. The stage fails with {@link Overloaded} when the application cannot
     * take the request now (the client gets 503), or with any other error (500).
     */
    CompletionStage<BusinessResponse> handle(BusinessRequest request);

    /** The application has no thread free for the request. */
    final class Overloaded extends RuntimeException {
        public Overloaded(String reason) {
            super(reason);
        }
    }
}
