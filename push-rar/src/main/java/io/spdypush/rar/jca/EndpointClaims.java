package io.spdypush.rar.jca;

import io.spdypush.api.PushListener;
import io.spdypush.rar.spdy.ClientClaims;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Claims clients for this node of a cluster through the one bean activated with {@code clientClaims=true}
 * ({@link PushListener#claimClients}), never on an event loop. A claim waits on the grid and the database, and a
 * reconnect storm brings thousands at once: they wait in a queue that at most {@link #DRAINERS} WorkManager
 * threads drain, each through one bean instance, so that the bean's pool is never exhausted (the container then
 * refuses new instances) and the server's threads stay free for everything else. A drainer takes what waits in
 * batches of up to {@link #BATCH}, which the bean claims with one look in the grid and the database. When no
 * claim waits, one of them at a time tells the bean, in batches too, of the clients this node forgot, idle, whose
 * homes the directory may then forget ({@link PushListener#clientsForgotten}).
 */
final class EndpointClaims implements ClientClaims {

    private static final Logger LOG = Logger.getLogger(EndpointClaims.class.getName());
    /** Claims under way at once: below the default pool of a message-driven bean (32). */
    static final int DRAINERS = 8;
    /** Claims waiting at most; beyond, a push stream is refused at once (503) rather than kept waiting. */
    static final int MAX_WAITING = 20_000;
    /** Claims handed to the bean at once; within the database's chunk of rows asked for in one query. */
    static final int BATCH = 256;

    private record Claim(String clientId, CompletableFuture<Void> claimed) {
    }

    private final Executor workers;
    private final Queue<Claim> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final Queue<String> forgotten = new ConcurrentLinkedQueue<>();
    private final AtomicInteger forgottenCount = new AtomicInteger();
    private final AtomicInteger drainers = new AtomicInteger();
    /**
     * Whether a drainer is telling the bean of forgotten clients. One at most: each costs the directory a few
     * calls one after another (a batch of them seconds), and claims that come meanwhile must find drainers free.
     */
    private final AtomicBoolean forgetting = new AtomicBoolean();
    private volatile MessageEndpointFactory bean;

    EndpointClaims(Executor workers) {
        this.workers = workers;
    }

    /** @return the bean this one replaces, or null */
    MessageEndpointFactory activated(MessageEndpointFactory claimsBean) {
        MessageEndpointFactory replaced = bean;
        bean = claimsBean;
        return replaced;
    }

    void deactivated(MessageEndpointFactory claimsBean) {
        if (bean == claimsBean) {
            bean = null;
        }
    }

    @Override
    public CompletionStage<Void> claim(String clientId) {
        CompletableFuture<Void> claimed = new CompletableFuture<>();
        if (bean == null) {
            claimed.completeExceptionally(new IllegalStateException("no PushListener bean is activated with"
                    + " clientClaims=true (push.war deploys one)"));
            return claimed;
        }
        if (waitingCount.incrementAndGet() > MAX_WAITING) {
            waitingCount.decrementAndGet();
            claimed.completeExceptionally(new IllegalStateException(MAX_WAITING + " claims are waiting already"));
            return claimed;
        }
        waiting.add(new Claim(clientId, claimed));
        startDrainerIfNeeded();
        return claimed;
    }

    @Override
    public void forgotten(String clientId) {
        // Beyond the bound the directory keeps the home, which costs it one entry until the client comes back.
        if (bean == null || forgottenCount.incrementAndGet() > MAX_WAITING) {
            forgottenCount.decrementAndGet();
            return;
        }
        forgotten.add(clientId);
        startDrainerIfNeeded();
    }

    private void startDrainerIfNeeded() {
        int running = drainers.get();
        while (running < DRAINERS && (!waiting.isEmpty() || !forgotten.isEmpty() && !forgetting.get())) {
            if (drainers.compareAndSet(running, running + 1)) {
                try {
                    workers.execute(this::drain);
                } catch (RejectedExecutionException e) {
                    drainers.decrementAndGet();
                    failWaiting(e);
                }
                return;
            }
            running = drainers.get();
        }
    }

    /** Claims what waits, through one bean instance, until nothing does. */
    private void drain() {
        try {
            MessageEndpointFactory claimsBean = bean;
            if (claimsBean == null) {
                failWaiting(new IllegalStateException("the bean that claims clients was deactivated"));
                return;
            }
            MessageEndpoint endpoint = claimsBean.createEndpoint(null);
            try {
                while (true) {
                    List<Claim> batch = nextBatch();
                    if (!batch.isEmpty()) {
                        claimWith((PushListener) endpoint, batch);
                        continue;
                    }
                    if (!forgetting.compareAndSet(false, true)) {
                        break;
                    }
                    List<String> idle;
                    try {
                        idle = nextForgotten();
                        if (!idle.isEmpty()) {
                            forget((PushListener) endpoint, idle);
                        }
                    } finally {
                        forgetting.set(false);
                    }
                    if (idle.isEmpty()) {
                        break;
                    }
                }
            } finally {
                endpoint.release();
            }
        } catch (Exception e) {
            failWaiting(e);
        } finally {
            drainers.decrementAndGet();
            // A claim added after this drainer found the queue empty, but before it left, needs one.
            startDrainerIfNeeded();
        }
    }

    private Claim next() {
        Claim claim = waiting.poll();
        if (claim != null) {
            waitingCount.decrementAndGet();
        }
        return claim;
    }

    private List<Claim> nextBatch() {
        List<Claim> batch = new ArrayList<>();
        Claim claim;
        while (batch.size() < BATCH && (claim = next()) != null) {
            batch.add(claim);
        }
        return batch;
    }

    private List<String> nextForgotten() {
        List<String> idle = new ArrayList<>();
        String clientId;
        while (idle.size() < BATCH && (clientId = forgotten.poll()) != null) {
            forgottenCount.decrementAndGet();
            idle.add(clientId);
        }
        return idle;
    }

    private static void forget(PushListener endpoint, List<String> idle) {
        try {
            endpoint.clientsForgotten(idle);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "The directory keeps the homes of " + idle.size() + " clients this node forgot", e);
        }
    }

    private static void claimWith(PushListener endpoint, List<Claim> batch) {
        Map<String, RuntimeException> notClaimed;
        try {
            notClaimed = endpoint.claimClients(batch.stream().map(Claim::clientId).distinct().toList());
        } catch (RuntimeException e) {
            batch.forEach(claim -> claim.claimed().completeExceptionally(e));
            return;
        }
        for (Claim claim : batch) {
            RuntimeException why = notClaimed.get(claim.clientId());
            if (why == null) {
                claim.claimed().complete(null);
            } else {
                claim.claimed().completeExceptionally(why);
            }
        }
    }

    private void failWaiting(Exception cause) {
        while (forgotten.poll() != null) {
            forgottenCount.decrementAndGet();
        }
        for (Claim claim = next(); claim != null; claim = next()) {
            claim.claimed().completeExceptionally(cause);
        }
    }
}
