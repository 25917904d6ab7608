package io.spdypush.rar.jca;

import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** Event loops on the server's threads get Netty's thread-local caches, and leave none behind. */
class WorkManagerExecutorTest {

    @Test
    void aTaskRunsAsOnNettysOwnThreadsAndItsThreadLocalsAreDroppedWhenItEnds() throws Exception {
        CompletableFuture<Boolean> cachesAllowed = new CompletableFuture<>();
        CountDownLatch dropped = new CountDownLatch(1);
        FastThreadLocal<String> local = new FastThreadLocal<>() {
            @Override
            protected void onRemoval(String value) {
                dropped.countDown();
            }
        };
        try (TestBootstrapContext server = new TestBootstrapContext()) {
            new WorkManagerExecutor(server.getWorkManager()).execute(() -> {
                local.set("a magazine");
                cachesAllowed.complete(FastThreadLocalThread.currentThreadWillCleanupFastThreadLocals());
            });

            assertThat(cachesAllowed.get(10, SECONDS), is(true));
            assertThat("dropped when the task ended", dropped.await(10, SECONDS), is(true));
        }
    }
}
