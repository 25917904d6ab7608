package io.spdypush.api;

/**
 * The inbound contract: a message-driven bean implementing it answers the business requests
 * (PROTOCOL.md §3.2) whose path starts with its activation's {@code pathPrefix}, for example
 * <pre>{@code
 * @MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "pathPrefix", propertyValue = "/orders"))
 * public class Orders implements PushListener {
 *     public BusinessResponse onRequest(BusinessRequest request) { ... }
 * }
 * }</pre>
 * Each call runs on a server thread, never on a network thread; the answer goes back on the
 * request's stream. An exception gets the client {@code 500}; no answer within the adapter's
 * {@code requestTimeoutSeconds} gets it {@code 503}.
 */
public interface PushListener {

    BusinessResponse onRequest(BusinessRequest request);
}
