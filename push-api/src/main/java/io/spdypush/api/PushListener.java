package io.spdypush.api;

import java.util.List;
import java.util.Map;

/**
 * The inbound contract, implemented by message-driven beans: business requests (docs/PROTOCOL.md
 * §3.2) whose path starts with the activation's {@code pathPrefix}, and the events of every
 * session and message. For example
 * <pre>{@code
 * @MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "pathPrefix", propertyValue = "/orders"))
 * public class Orders implements PushListener {
 *     public BusinessResponse onRequest(BusinessRequest request) { ... }
 * }
 * }</pre>
 * A bean without a {@code pathPrefix} gets no requests, only events. Each call runs on a server
 * thread, never on a network thread. For requests: an exception gets the client {@code 500}; no
 * answer within the adapter's {@code requestTimeoutSeconds} gets it {@code 503}. Events are
 * delivered to every active bean, after the fact; a bean overrides those it wants, and is called only for
 * those (the adapter reads the bean's class from the server and logs, per bean, the events it listens to).
 */
public interface PushListener {

    /** Answers a business request; called only for beans activated with a {@code pathPrefix}. */
    default BusinessResponse onRequest(BusinessRequest request) {
        return BusinessResponse.plainText(404, "no resource at " + request.path());
    }

    /** A client acknowledged messages: they are delivered. */
    default void onAcknowledged(Acknowledgement acknowledgement) {
    }

    /** Messages expired before they could be sent. */
    default void onExpired(Expiration expiration) {
    }

    /** A client opened its push stream. */
    default void onSessionOpened(SessionInfo session) {
    }

    /**
     * Cluster nodes only ({@link PushConnection#joinCluster}), and only on the bean activated with
     * {@code clientClaims=true}: sessions of these clients are about to open on this node, which holds nothing
     * for them. Returns once this node is the home of each ({@link PushConnection#takeClient}) but those it
     * returns, each with why not; their sessions are refused with 503 (with the wait a
     * {@link TakeoverThrottledException} names), and so are all when it throws. The
     * adapter asks for many clients at once when many wait, as after a node died, so that the grid and the
     * database are asked once for all of them.
     */
    default Map<String, RuntimeException> claimClients(List<String> clientIds) {
        return Map.of();
    }

    /**
     * Cluster nodes only, and only on the bean activated with {@code clientClaims=true}: this node forgot these
     * clients, idle (their sessions ended with nothing pending), so the cluster's directory may stop naming it
     * their home once it holds nothing for them ({@link PushConnection#holdsClient}).
     */
    default void clientsForgotten(List<String> clientIds) {
    }

    /** A session ended (the client left, was replaced, timed out, or the adapter stops). */
    default void onSessionClosed(SessionInfo session) {
    }
}
