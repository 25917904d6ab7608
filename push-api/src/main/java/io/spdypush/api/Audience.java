package io.spdypush.api;

import java.util.List;
import java.util.regex.Pattern;

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

    /** The sessions online now whose push stream subscribed to the topic ({@code push-topics}, PROTOCOL.md §2). */
    record Topic(String name) implements Audience {

        /** Topic names travel in a comma-separated header and a meta line, so they are kept plain. */
        private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:@/-]{1,128}");

        public Topic {
            if (!isValidName(name)) {
                throw new IllegalArgumentException("topic " + (name == null ? "null" : '"' + name + '"')
                        + " is invalid: it must be 1-128 characters of A-Z a-z 0-9 . _ : @ / -");
            }
        }

        public static boolean isValidName(String name) {
            return name != null && VALID.matcher(name).matches();
        }
    }

    /** Every session online now. */
    record Everyone() implements Audience {
    }
}
