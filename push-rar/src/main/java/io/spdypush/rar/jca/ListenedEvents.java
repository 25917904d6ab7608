package io.spdypush.rar.jca;

import io.spdypush.api.Acknowledgement;
import io.spdypush.api.Expiration;
import io.spdypush.api.PushListener;
import io.spdypush.api.SessionInfo;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The events a message-driven bean listens to: those of {@link PushListener}'s event methods that its class
 * overrides, the others being the interface's empty defaults. Every event when the server does not name the bean's
 * class ({@link MessageEndpointFactory#getEndpointClass}, Connectors 1.7), so that no bean misses one.
 */
final class ListenedEvents {

    private static final Logger LOG = Logger.getLogger(ListenedEvents.class.getName());

    /** PushListener's event methods. */
    enum Event {
        ACKNOWLEDGED("onAcknowledged", Acknowledgement.class),
        EXPIRED("onExpired", Expiration.class),
        SESSION_OPENED("onSessionOpened", SessionInfo.class),
        SESSION_CLOSED("onSessionClosed", SessionInfo.class);

        private final String method;
        private final Class<?> parameter;

        Event(String method, Class<?> parameter) {
            this.method = method;
            this.parameter = parameter;
        }

        private boolean isOverriddenBy(Class<?> beanClass) throws NoSuchMethodException {
            return beanClass.getMethod(method, parameter).getDeclaringClass() != PushListener.class;
        }
    }

    private ListenedEvents() {
    }

    static Set<Event> of(MessageEndpointFactory factory) {
        Class<?> beanClass;
        try {
            beanClass = factory.getEndpointClass();
        } catch (RuntimeException | AbstractMethodError e) {
            beanClass = null;
        }
        if (beanClass == null) {
            return EnumSet.allOf(Event.class);
        }
        Set<Event> listened = EnumSet.noneOf(Event.class);
        for (Event event : Event.values()) {
            try {
                if (event.isOverriddenBy(beanClass)) {
                    listened.add(event);
                }
            } catch (NoSuchMethodException e) {
                // The bean sees another copy of the push API than the adapter's: it may listen, so it is told.
                LOG.log(Level.WARNING, "{0} ({1}) does not have the adapter''s {2}; every event is delivered to it",
                        new Object[]{factory.getActivationName(), beanClass.getName(), event.method});
                return EnumSet.allOf(Event.class);
            }
        }
        LOG.log(Level.INFO, "{0} ({1}) listens to the push events {2}",
                new Object[]{factory.getActivationName(), beanClass.getName(), listened});
        return listened;
    }
}
