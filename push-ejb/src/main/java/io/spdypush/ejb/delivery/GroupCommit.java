package io.spdypush.ejb.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes items in batches, one batch at a time: while a batch is being written, the items that
 * arrive wait and go together in the next one. So an idle system writes each item at once, and a
 * busy one pays one transaction for many items instead of one each. A batch that fails is tried
 * again after a growing pause, so that a database that is down for a while loses nothing.
 *
 * @param <T> what is written
 */
final class GroupCommit<T> {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

    private final String name;
    private final int maxBatch;
    private final Executor executor;
    private final Consumer<List<T>> write;
    private final long firstRetryMillis;
    private final long maxRetryMillis;
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    /** Whether a writer is queued on the executor or running. */
    private final AtomicBoolean writerStarted = new AtomicBoolean();
    /** Held while a batch is written, by the writer or by {@link #close}. */
    private final ReentrantLock writing = new ReentrantLock();
    private volatile boolean closed;

    /**
     * @param name     what the items are, for log lines
     * @param maxBatch the most items written in one batch
     * @param executor runs the writer when there is something to write
     * @param write    writes one batch, in order, in one transaction; throws when it did not
     */
    GroupCommit(String name, int maxBatch, Executor executor, Consumer<List<T>> write,
                long firstRetryMillis, long maxRetryMillis) {
        this.name = name;
        this.maxBatch = maxBatch;
        this.executor = executor;
        this.write = write;
        this.firstRetryMillis = firstRetryMillis;
        this.maxRetryMillis = maxRetryMillis;
    }

    /** Queues an item; it is written soon, after those queued before it. */
    void add(T item) {
        if (closed) {
            throw new IllegalStateException(name + ": closed, cannot take more");
        }
        queue.add(item);
        startWriterIfIdle();
    }

    /**
     * Stops taking items, waits up to {@code timeoutMillis} for the running batch, then writes what
     * is left on the caller's thread, trying each batch once.
     *
     * @return how many items could not be written (logged)
     */
    int close(long timeoutMillis) {
        closed = true;
        if (!lockWithin(timeoutMillis)) {
            LOG.log(Level.WARNING, "{0}: the writer did not finish its batch within {1} ms; {2} items left unwritten",
                    new Object[]{name, timeoutMillis, queue.size()});
            return queue.size();
        }
        try {
            int lost = 0;
            for (List<T> batch = nextBatch(); !batch.isEmpty(); batch = nextBatch()) {
                try {
                    write.accept(batch);
                } catch (RuntimeException e) {
                    lost += batch.size();
                    LOG.log(Level.SEVERE, name + ": " + batch.size() + " items could not be written at shutdown: "
                            + e, e);
                }
            }
            return lost;
        } finally {
            writing.unlock();
        }
    }

    private void startWriterIfIdle() {
        if (!closed && writerStarted.compareAndSet(false, true)) {
            try {
                executor.execute(this::writeAll);
            } catch (RuntimeException e) {
                writerStarted.set(false);
                LOG.log(Level.WARNING, name + ": no thread to write on, " + queue.size()
                        + " items wait for the next one: " + e, e);
            }
        }
    }

    /** Runs on the executor, as the only writer, until the queue is empty. */
    private void writeAll() {
        try {
            boolean written;
            do {
                written = writeNextBatch();
            } while (written);
        } finally {
            writerStarted.set(false);
        }
        // An item added after the last poll but before the flag was cleared found the writer busy.
        if (!queue.isEmpty()) {
            startWriterIfIdle();
        }
    }

    /** Writes the next batch, unless closed or there is none; returns whether it did. */
    private boolean writeNextBatch() {
        writing.lock();
        try {
            if (closed) {
                return false;
            }
            List<T> batch = nextBatch();
            if (batch.isEmpty()) {
                return false;
            }
            writeUntilDone(batch);
            return true;
        } finally {
            writing.unlock();
        }
    }

    private void writeUntilDone(List<T> batch) {
        long pause = firstRetryMillis;
        for (int attempt = 1; ; attempt++) {
            try {
                write.accept(batch);
                if (attempt > 1) {
                    LOG.log(Level.INFO, "{0}: written after {1} attempts", new Object[]{name, attempt});
                }
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    requeueAtShutdown(batch);
                    return;
                }
                LOG.log(Level.WARNING, name + ": a batch of " + batch.size() + " could not be written (attempt "
                        + attempt + "), trying again in " + pause + " ms: " + e, e);
                sleepQuietly(pause);
                pause = Math.min(maxRetryMillis, pause * 2);
            }
        }
    }

    /** Puts a failed batch back in front, for {@link #close} to try once more. */
    private void requeueAtShutdown(List<T> batch) {
        List<T> rest = new ArrayList<>(batch);
        for (T item = queue.poll(); item != null; item = queue.poll()) {
            rest.add(item);
        }
        queue.addAll(rest);
    }

    private List<T> nextBatch() {
        List<T> batch = new ArrayList<>();
        T item;
        while (batch.size() < maxBatch && (item = queue.poll()) != null) {
            batch.add(item);
        }
        return batch;
    }

    private boolean lockWithin(long timeoutMillis) {
        try {
            return writing.tryLock(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
