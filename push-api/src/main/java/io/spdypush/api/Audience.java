package io.spdypush.api;

import io.spdypush.protocol.ClientIds;
import io.spdypush.protocol.TopicNames;
import java.util.List;

/**
 * Who a {@link PushMessage} is for: one client id or several, the sessions subscribed to a topic,
 * or every session online.
 */
public sealed interface Audience {

    /** One client id; the message waits in its outbox while the client is offline. */
    record Client(String clientId) implements Audience {
        public Client {
            ClientIds.requireValid(clientId);
        }
    }

    /** Several client ids, each as {@link Client}. */
    record Clients(List<String> clientIds) implements Audience {
        public Clients {
            clientIds = List.copyOf(clientIds);
            clientIds.forEach(ClientIds::requireValid);
        }
    }

    /** The sessions online now whose push stream subscribed to the topic ({@code push-topics}, docs/PROTOCOL.md §2). */
    record Topic(String name) implements Audience {

        public Topic {
            if (!TopicNames.isValid(name)) {
                throw new IllegalArgumentException("topic " + (name == null ? "null" : '"' + name + '"')
                        + " is invalid: it must be 1-128 characters of A-Z a-z 0-9 . _ : @ / -");
            }
        }
    }

    /** Every session online now. */
    record Everyone() implements Audience {
    }
}
