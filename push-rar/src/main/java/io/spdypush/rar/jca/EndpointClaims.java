package io.spdypush.rar.jca;

import io.spdypush.api.PushListener;
import io.spdypush.rar.spdy.ClientClaims;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Claims clients for this node of a cluster through the one bean activated with {@code clientClaims=true}
 * ({@link PushListener#claimClient}), each claim on a WorkManager thread, never on an event loop.
 */
final class EndpointClaims implements ClientClaims {

    private final Executor workers;
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
        MessageEndpointFactory claimsBean = bean;
        if (claimsBean == null) {
            claimed.completeExceptionally(new IllegalStateException("no PushListener bean is activated with"
                    + " clientClaims=true (push.war deploys one)"));
            return claimed;
        }
        try {
            workers.execute(() -> claim(claimsBean, clientId, claimed));
        } catch (RejectedExecutionException e) {
            claimed.completeExceptionally(e);
        }
        return claimed;
    }

    private static void claim(MessageEndpointFactory claimsBean, String clientId, CompletableFuture<Void> claimed) {
        try {
            MessageEndpoint endpoint = claimsBean.createEndpoint(null);
            try {
                ((PushListener) endpoint).claimClient(clientId);
                claimed.complete(null);
            } finally {
                endpoint.release();
            }
        } catch (Throwable e) {
            claimed.completeExceptionally(e);
        }
    }
}
