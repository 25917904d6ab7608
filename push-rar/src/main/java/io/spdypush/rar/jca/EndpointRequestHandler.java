package io.spdypush.rar.jca;

import io.spdypush.api.BusinessRequest;
import io.spdypush.api.BusinessResponse;
import io.spdypush.api.PushListener;
import io.spdypush.rar.spdy.RequestHandler;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers business requests to one activated message-driven bean, each on a WorkManager thread,
 * never on an event loop. Deactivation waits a bounded time for deliveries under way.
 */
final class EndpointRequestHandler implements RequestHandler {

    private static final Logger LOG = Logger.getLogger(EndpointRequestHandler.class.getName());

    private final MessageEndpointFactory endpoints;
    private final Executor workers;
    private final String name;
    private int deliveriesUnderWay;

    EndpointRequestHandler(MessageEndpointFactory endpoints, Executor workers) {
        this.endpoints = endpoints;
        this.workers = workers;
        this.name = endpoints.getActivationName();
    }

    @Override
    public CompletionStage<BusinessResponse> handle(BusinessRequest request) {
        CompletableFuture<BusinessResponse> answer = new CompletableFuture<>();
        started();
        try {
            workers.execute(() -> deliver(request, answer));
        } catch (RejectedExecutionException e) {
            finished();
            answer.completeExceptionally(new Overloaded(e.getMessage()));
        }
        return answer;
    }

    private void deliver(BusinessRequest request, CompletableFuture<BusinessResponse> answer) {
        try {
            MessageEndpoint endpoint = endpoints.createEndpoint(null);
            try {
                BusinessResponse response = ((PushListener) endpoint).onRequest(request);
                if (response == null) {
                    throw new IllegalStateException(name + " answered " + request + " with null");
                }
                answer.complete(response);
            } finally {
                endpoint.release();
            }
        } catch (Throwable e) {
            answer.completeExceptionally(e);
        } finally {
            finished();
        }
    }

    /** Waits until no delivery is under way, at most {@code grace}; then moves on, as undeploy must. */
    synchronized void awaitDeliveries(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            while (deliveriesUnderWay > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.log(Level.WARNING, "{0}: {1} request deliveries still under way after {2} ms; deactivating"
                            + " without them", new Object[]{name, deliveriesUnderWay, grace.toMillis()});
                    return;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void started() {
        deliveriesUnderWay++;
    }

    private synchronized void finished() {
        deliveriesUnderWay--;
        notifyAll();
    }
}
