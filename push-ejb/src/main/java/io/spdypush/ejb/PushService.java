package io.spdypush.ejb;

import io.spdypush.api.AdapterStatus;
import io.spdypush.api.Delivery;
import io.spdypush.api.PushConnection;
import io.spdypush.api.PushConnectionFactory;
import io.spdypush.api.PushMessage;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.resource.ResourceException;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * What applications call to push: {@code push.send(PushMessage.to("device-42").text("hello"))}.
 * Inject it with {@code @EJB} or {@code @Inject}; its portable JNDI name is
 * {@code java:global/<app>/push-ejb/PushService} (see the README).
 */
@Stateless
public class PushService {

    /** Defined per layout: in the EAR's application.xml, in the Micro WAR's web.xml. */
    static final String CONNECTION_FACTORY = "java:app/spdypush/PushConnectionFactory";

    @Resource(lookup = CONNECTION_FACTORY)
    private PushConnectionFactory connectionFactory;

    /**
     * Hands the message to the adapter for each client of its audience: each copy is accepted
     * with its seq, or refused with the reason.
     */
    public List<Delivery> send(PushMessage message) {
        return withConnection(connection -> connection.send(message));
    }

    /** A token with which the client may open its push stream until {@code validFor} has passed. */
    public String mintToken(String clientId, Duration validFor) {
        return withConnection(connection -> connection.mintToken(clientId, validFor));
    }

    /** What the adapter is doing right now. */
    public AdapterStatus status() {
        return withConnection(PushConnection::status);
    }

    private <T> T withConnection(Function<PushConnection, T> work) {
        try (PushConnection connection = connectionFactory.getConnection()) {
            return work.apply(connection);
        } catch (ResourceException e) {
            throw new PushUnavailableException(e);
        }
    }
}
