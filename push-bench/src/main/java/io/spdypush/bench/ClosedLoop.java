package io.spdypush.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/** The closed loop of the HTTP senders: chains of calls, each made as soon as the one before it was answered. */
final class ClosedLoop {

    /** One call: how many messages it sends, and how many of them the server refused (all, when it fails). */
    record Call(int messages, CompletableFuture<Long> refused) {
    }

    private ClosedLoop() {
    }

    /** {@code concurrency} chains of the calls {@code next} makes, for {@code seconds}. */
    static UnicastSender.Sent run(int concurrency, int seconds, Histogram calls, Supplier<Call> next)
            throws InterruptedException {
        AtomicLong sent = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            chain(next, sent, refused, end, done);
        }
        done.await(seconds + 60L, TimeUnit.SECONDS);
        return new UnicastSender.Sent(sent.get(), refused.get(), start, System.nanoTime() - start, calls);
    }

    private static void chain(Supplier<Call> next, AtomicLong sent, AtomicLong refused, long end,
                              CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        Call call = next.get();
        sent.addAndGet(call.messages());
        call.refused().whenComplete((refusedInCall, error) -> {
            refused.addAndGet(error != null ? call.messages() : refusedInCall);
            chain(next, sent, refused, end, done);
        });
    }
}
