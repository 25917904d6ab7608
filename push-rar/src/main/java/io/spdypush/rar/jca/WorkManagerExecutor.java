package io.spdypush.rar.jca;

import io.netty.util.concurrent.FastThreadLocalThread;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs Netty's event loops on threads of the server's WorkManager, as JCA asks of adapters
 * that need threads. Each event loop holds one thread until the loop group shuts down, and runs as
 * Netty's own threads do: with thread-local buffer magazines and object recyclers, which Netty gives
 * only to threads it knows will drop them when they end (on the shared ones, the two event loops
 * contended for every buffer), and with those dropped before the thread goes back to the server.
 */
final class WorkManagerExecutor implements Executor {

    private final WorkManager workManager;

    WorkManagerExecutor(WorkManager workManager) {
        this.workManager = workManager;
    }

    @Override
    public void execute(Runnable task) {
        try {
            workManager.scheduleWork(new TaskWork(task), WorkManager.INDEFINITE, null, null);
        } catch (WorkException e) {
            throw new RejectedExecutionException("The WorkManager refused a thread for the SPDY event loop: "
                    + e.getMessage(), e);
        }
    }

    private record TaskWork(Runnable task) implements Work {

        @Override
        public void run() {
            FastThreadLocalThread.runWithFastThreadLocal(task);
        }

        /** Event loops end when their group shuts down, which {@code stop()} does. */
        @Override
        public void release() {
        }
    }
}
