package io.spdypush.ejb.webhook;

import io.spdypush.api.SessionInfo;
import io.spdypush.ejb.DeliveryReceipt;
import io.spdypush.ejb.cluster.ClusterNode;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The webhooks this server calls, and what tells them: every stored message's outcome ({@link DeliveryReceipt}:
 * delivered, expired, refused, collapsed, cancelled) and every session opened or closed on this server. Each webhook has its
 * own {@link WebhookEndpoint}; publishing an event only queues it. Webhooks come from the configuration
 * ({@link ConfiguredWebhooks}) and from the database ({@link WebhookStore}), which {@link WebhookRefresh} reads
 * again every few seconds, so that one registered on another node of a cluster is called here too. Registering,
 * removing and reading again hold this object's lock, so that a reading in progress cannot undo a change.
 */
@ApplicationScoped
public class Webhooks {

    private static final Logger LOG = Logger.getLogger(Webhooks.class.getName());
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** A webhook and how it is being served. */
    public record Served(Webhook webhook, WebhookStats stats) {
    }

    @Inject
    @ConfigProperty(name = "spdypush.webhookQueueEvents", defaultValue = "10000")
    int queueEvents;

    @Inject
    @ConfigProperty(name = "spdypush.webhookTimeoutSeconds", defaultValue = "10")
    int timeoutSeconds;

    @Inject
    @ConfigProperty(name = "spdypush.webhookMaxRetrySeconds", defaultValue = "60")
    int maxRetrySeconds;

    @EJB
    private WebhookStore store;

    @EJB
    private ClusterNode cluster;

    @Resource
    private ManagedScheduledExecutorService retries;

    private final Map<String, WebhookEndpoint> endpoints = new ConcurrentHashMap<>();
    /** The calls' threads, made as needed: a call waiting on a slow host holds one, and no other call waits for it. */
    private final ExecutorService calls = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "spdypush-webhook-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private volatile HttpClient http;
    private volatile WebhookTuning tuning;

    /** Starts the configured webhooks; called once, when the application starts, before {@link #refresh}. */
    void start(List<Webhook> configured) {
        tuning = new WebhookTuning(Math.max(1, queueEvents), Duration.ofSeconds(Math.max(1, timeoutSeconds)),
                FIRST_RETRY, Duration.ofSeconds(Math.max(1, maxRetrySeconds)));
        // HTTP/1.1, which every receiver speaks: HTTP/2 over cleartext would first try an upgrade with each new
        // connection, which some receivers answer badly.
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(tuning.timeout())
                .executor(calls).build();
        configured.forEach(this::serve);
        if (!configured.isEmpty()) {
            LOG.log(Level.INFO, "Calling the webhooks of the configuration: {0}",
                    configured.stream().map(webhook -> webhook.id() + " (" + webhook.url() + ")").toList());
        }
    }

    /** Serves the webhooks registered in the database since the last look, and stops those removed there. */
    synchronized void refresh() {
        Map<String, Webhook> stored = new ConcurrentHashMap<>();
        store.all().forEach(webhook -> stored.put(webhook.id(), webhook));
        stored.values().stream().filter(webhook -> !endpoints.containsKey(webhook.id())).forEach(this::serve);
        endpoints.values().removeIf(endpoint -> {
            boolean removed = !endpoint.webhook().configured() && !stored.containsKey(endpoint.webhook().id());
            if (removed) {
                endpoint.close();
            }
            return removed;
        });
    }

    @PreDestroy
    void stop() {
        endpoints.values().forEach(WebhookEndpoint::close);
        endpoints.clear();
        calls.shutdownNow();
    }

    void onReceipt(@Observes DeliveryReceipt receipt) {
        WebhookEventType type = WebhookEventType.of(receipt.outcome().state());
        if (type != null) {
            publish(type, () -> WebhookEvent.of(type, receipt.outcome()));
        }
    }

    public void sessionOpened(SessionInfo session) {
        publish(WebhookEventType.SESSION_OPENED,
                () -> WebhookEvent.of(WebhookEventType.SESSION_OPENED, onThisNode(session)));
    }

    public void sessionClosed(SessionInfo session) {
        publish(WebhookEventType.SESSION_CLOSED,
                () -> WebhookEvent.of(WebhookEventType.SESSION_CLOSED, onThisNode(session)));
    }

    /** The adapter knows no cluster: a session's node, for a receiver that hears every node, is added here. */
    private SessionInfo onThisNode(SessionInfo session) {
        return cluster.nodeName().map(session::onNode).orElse(session);
    }

    /** The event is made only when a webhook wants it: with none, publishing costs a look at an empty map. */
    private void publish(WebhookEventType type, Supplier<WebhookEvent> event) {
        WebhookEvent made = null;
        for (WebhookEndpoint endpoint : endpoints.values()) {
            if (endpoint.wants(type)) {
                made = made == null ? event.get() : made;
                endpoint.offer(made);
            }
        }
    }

    /** Every webhook, configured ones first, with how it is being served. */
    public List<Served> all() {
        return endpoints.values().stream()
                .map(endpoint -> new Served(endpoint.webhook(), endpoint.stats()))
                .sorted((a, b) -> a.webhook().configured() != b.webhook().configured()
                        ? (a.webhook().configured() ? -1 : 1) : a.webhook().id().compareTo(b.webhook().id()))
                .toList();
    }

    /**
     * Registers a webhook in the database, for every node, and calls it from now on.
     *
     * @param secret the secret, checked by {@link Webhook#secret}; made when null
     * @return the webhook, with its id and secret
     */
    public synchronized Webhook register(URI url, String secret, Set<WebhookEventType> events) {
        Webhook webhook = new Webhook(newId(), url,
                Webhook.secret(secret), events, false);
        store.add(webhook);
        serve(webhook);
        LOG.log(Level.INFO, "Webhook {0} registered: {1} for {2}", new Object[]{webhook.id(), url,
                WebhookEventType.listOf(events)});
        return webhook;
    }

    /**
     * Removes a registered webhook.
     *
     * @throws NoSuchElementException when there is no such webhook
     * @throws IllegalStateException  when it comes from the configuration, where it must be removed
     */
    public synchronized void remove(String id) {
        WebhookEndpoint endpoint = endpoints.get(id);
        if (endpoint != null && endpoint.webhook().configured()) {
            throw new IllegalStateException("webhook " + id + " comes from the configuration (" + ConfiguredWebhooks.NAMES
                    + "): remove it there");
        }
        if (!store.remove(id)) {
            throw new NoSuchElementException("no webhook " + id);
        }
        WebhookEndpoint removed = endpoints.remove(id);
        if (removed != null) {
            removed.close();
        }
        LOG.log(Level.INFO, "Webhook {0} removed", id);
    }

    private void serve(Webhook webhook) {
        endpoints.computeIfAbsent(webhook.id(), id -> new WebhookEndpoint(webhook, tuning, http, calls, retries));
    }

    private static String newId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
