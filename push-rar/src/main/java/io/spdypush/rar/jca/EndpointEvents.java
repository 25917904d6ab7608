package io.spdypush.rar.jca;

import io.spdypush.api.Acknowledgement;
import io.spdypush.api.Expiration;
import io.spdypush.api.PushListener;
import io.spdypush.api.SessionInfo;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import java.util.Collection;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands the push server's events (acknowledgements, expirations, sessions) to every activated
 * message-driven bean, each delivery on a WorkManager thread: the server calls it on an event
 * loop, which must not wait for a bean.
 */
final class EndpointEvents implements PushListener {

    private static final Logger LOG = Logger.getLogger(EndpointEvents.class.getName());

    private final Collection<MessageEndpointFactory> endpoints;
    private final Executor workers;

    /** @param endpoints the activated beans, a live, thread-safe view */
    EndpointEvents(Collection<MessageEndpointFactory> endpoints, Executor workers) {
        this.endpoints = endpoints;
        this.workers = workers;
    }

    @Override
    public void onAcknowledged(Acknowledgement acknowledgement) {
        deliver(acknowledgement, PushListener::onAcknowledged);
    }

    @Override
    public void onExpired(Expiration expiration) {
        deliver(expiration, PushListener::onExpired);
    }

    @Override
    public void onSessionOpened(SessionInfo session) {
        deliver(session, PushListener::onSessionOpened);
    }

    @Override
    public void onSessionClosed(SessionInfo session) {
        deliver(session, PushListener::onSessionClosed);
    }

    private <E> void deliver(E event, BiConsumer<PushListener, E> call) {
        for (MessageEndpointFactory factory : endpoints) {
            try {
                workers.execute(() -> deliverTo(factory, event, call));
            } catch (RejectedExecutionException e) {
                LOG.log(Level.WARNING, "No thread to tell {0} of {1}: {2}",
                        new Object[]{factory.getActivationName(), event, e.getMessage()});
            }
        }
    }

    private static <E> void deliverTo(MessageEndpointFactory factory, E event, BiConsumer<PushListener, E> call) {
        try {
            MessageEndpoint endpoint = factory.createEndpoint(null);
            try {
                call.accept((PushListener) endpoint, event);
            } finally {
                endpoint.release();
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, factory.getActivationName() + " failed on " + event + ": " + e, e);
        }
    }
}
