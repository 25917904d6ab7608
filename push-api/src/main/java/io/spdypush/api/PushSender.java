package io.spdypush.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * PushService as another application on the same server reaches it: its local business
 * interface, which lives here in push-api so that both applications share the one class. It
 * works where push-api's classes are shared by every application, that is beside the adapter
 * deployed on its own (Payara Micro, or a standalone RAR on Payara Server); look it up as
 * {@code java:global/push/PushService!io.spdypush.api.PushSender} on Payara Micro. Applications
 * inside ours inject PushService itself, which offers more.
 */
public interface PushSender {

    /** Accepted, refused, or deferred until the caller's transaction commits, per recipient. */
    List<Delivery> send(PushMessage message);

    String mintToken(String clientId, Duration validFor);

    AdapterStatus status();

    List<SessionInfo> sessions(String clientIdPrefix, int offset, int limit);

    Optional<SessionInfo> session(String clientId);

    boolean disconnect(String clientId);
}
