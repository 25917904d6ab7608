package io.spdypush.rar.jca;

import io.spdypush.api.Acknowledgement;
import io.spdypush.api.Expiration;
import io.spdypush.api.PushListener;
import io.spdypush.api.SessionInfo;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands the push server's events (acknowledgements, expirations, sessions) to every activated
 * message-driven bean, off the event loops, which must not wait for a bean. Each bean has a queue
 * that one WorkManager thread at a time drains, in order, through one endpoint: a broadcast
 * acknowledged by 18 000 sessions is 18 000 calls on one thread, not 18 000 threads and bean
 * instances at once, which would drain the server's pools for everyone else. A bean gets only the events its class
 * overrides ({@link ListenedEvents}): each call through an endpoint is a container invocation, and most beans
 * (the pages' bundles, the cluster's claims) listen to none, so a session that opens and closes no longer costs
 * every bean two calls that do nothing.
 */
final class EndpointEvents implements PushListener {

    private static final Logger LOG = Logger.getLogger(EndpointEvents.class.getName());
    private static final long IDLE_POLL_MILLIS = 5;

    private final Map<MessageEndpointFactory, ?> endpoints;
    private final Executor workers;
    private final Map<MessageEndpointFactory, EventQueue> queues = new ConcurrentHashMap<>();

    /** @param endpoints the activated beans, a live, thread-safe view */
    EndpointEvents(Map<MessageEndpointFactory, ?> endpoints, Executor workers) {
        this.endpoints = endpoints;
        this.workers = workers;
    }

    @Override
    public void onAcknowledged(Acknowledgement acknowledgement) {
        deliver(ListenedEvents.Event.ACKNOWLEDGED, bean -> bean.onAcknowledged(acknowledgement));
    }

    @Override
    public void onExpired(Expiration expiration) {
        deliver(ListenedEvents.Event.EXPIRED, bean -> bean.onExpired(expiration));
    }

    @Override
    public void onSessionOpened(SessionInfo session) {
        deliver(ListenedEvents.Event.SESSION_OPENED, bean -> bean.onSessionOpened(session));
    }

    @Override
    public void onSessionClosed(SessionInfo session) {
        deliver(ListenedEvents.Event.SESSION_CLOSED, bean -> bean.onSessionClosed(session));
    }

    /**
     * Waits until the events queued for a bean being deactivated have reached it, at most
     * {@code grace}: an acknowledgement that arrived just before an undeploy is still recorded.
     */
    void awaitDelivered(MessageEndpointFactory factory, Duration grace) {
        EventQueue queue = queues.get(factory);
        if (queue == null) {
            return;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (!queue.isIdle()) {
            if (System.nanoTime() > deadline) {
                LOG.log(Level.WARNING, "{0}: {1} push events not delivered within {2} ms; deactivating without them",
                        new Object[]{factory.getActivationName(), queue.events.size(), grace.toMillis()});
                return;
            }
            try {
                Thread.sleep(IDLE_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void deliver(ListenedEvents.Event kind, Consumer<PushListener> event) {
        queues.keySet().retainAll(endpoints.keySet());
        for (MessageEndpointFactory factory : endpoints.keySet()) {
            EventQueue queue = queues.computeIfAbsent(factory, EventQueue::new);
            if (queue.listened.contains(kind)) {
                queue.add(event);
            }
        }
    }

    /** The events waiting for one bean, and whether a thread is delivering them. */
    private final class EventQueue {

        private final MessageEndpointFactory factory;
        private final Set<ListenedEvents.Event> listened;
        private final Queue<Consumer<PushListener>> events = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean draining = new AtomicBoolean();

        EventQueue(MessageEndpointFactory factory) {
            this.factory = factory;
            this.listened = ListenedEvents.of(factory);
        }

        boolean isIdle() {
            return events.isEmpty() && !draining.get();
        }

        void add(Consumer<PushListener> event) {
            events.add(event);
            if (draining.compareAndSet(false, true)) {
                try {
                    workers.execute(this::drain);
                } catch (RejectedExecutionException e) {
                    draining.set(false);
                    LOG.log(Level.WARNING, "No thread to deliver push events to {0}: {1}; they wait for the next event",
                            new Object[]{factory.getActivationName(), e.getMessage()});
                }
            }
        }

        private void drain() {
            try {
                while (!events.isEmpty()) {
                    deliverWaiting();
                }
            } finally {
                draining.set(false);
                if (!events.isEmpty() && draining.compareAndSet(false, true)) {
                    drain(); // an event came between the last poll and the flag
                }
            }
        }

        private void deliverWaiting() {
            MessageEndpoint endpoint;
            try {
                endpoint = factory.createEndpoint(null);
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Cannot reach " + factory.getActivationName() + " for its push events; "
                        + events.size() + " dropped: " + e, e);
                events.clear();
                return;
            }
            try {
                for (Consumer<PushListener> event = events.poll(); event != null; event = events.poll()) {
                    try {
                        event.accept((PushListener) endpoint);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, factory.getActivationName() + " failed on a push event: " + e, e);
                    }
                }
            } finally {
                endpoint.release();
            }
        }
    }
}
