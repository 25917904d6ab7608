package io.spdypush.rar.jca;

import io.spdypush.api.PushListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class EndpointClaimsTest {

    private final ExecutorService workers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    @Test
    void oneDrainerAtATimeTellsOfForgottenClientsAndClaimsGoOnMeanwhile() throws Exception {
        CountDownLatch forgetting = new CountDownLatch(1);
        CountDownLatch letForgettingEnd = new CountDownLatch(1);
        AtomicInteger atOnce = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger told = new AtomicInteger();
        PushListener bean = new PushListener() {
            @Override
            public Map<String, RuntimeException> claimClients(List<String> clientIds) {
                return Map.of();
            }

            @Override
            public void clientsForgotten(List<String> clientIds) {
                mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
                forgetting.countDown();
                try {
                    letForgettingEnd.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                told.addAndGet(clientIds.size());
                atOnce.decrementAndGet();
            }
        };
        EndpointClaims claims = new EndpointClaims(workers);
        claims.activated(new TestEndpointFactory("claims", bean));
        int idle = EndpointClaims.BATCH * 3;
        for (int i = 0; i < idle; i++) {
            claims.forgotten("idle-" + i);
        }
        assertThat(forgetting.await(10, TimeUnit.SECONDS), is(true));

        for (int i = 0; i < 20; i++) {
            // Each waits for a drainer: the one telling of forgotten clients is busy until let go.
            claims.claim("new-" + i).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        letForgettingEnd.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (told.get() < idle && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(told.get(), is(idle));
        assertThat(mostAtOnce.get(), is(1));
    }
}
