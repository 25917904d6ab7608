package io.spdypush.ejb.delivery;

import io.spdypush.api.PushConnection;
import io.spdypush.api.PushConnectionFactory;
import io.spdypush.ejb.PushUnavailableException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.resource.ResourceException;

import java.util.function.Function;

/** The way to the push adapter: a connection handle per call, closed at once (the server pools what is behind). */
@ApplicationScoped
public class PushAdapter {

    /** Defined per layout: in the EAR's application.xml, in the Micro WAR's glassfish-resources.xml. */
    static final String CONNECTION_FACTORY = "java:app/spdypush/PushConnectionFactory";

    @Resource(lookup = CONNECTION_FACTORY)
    private PushConnectionFactory connectionFactory;

    /** Runs {@code work} on a connection; throws {@link PushUnavailableException} when there is none. */
    public <T> T call(Function<PushConnection, T> work) {
        try (PushConnection connection = connectionFactory.getConnection()) {
            return work.apply(connection);
        } catch (ResourceException e) {
            throw new PushUnavailableException(e);
        }
    }
}
