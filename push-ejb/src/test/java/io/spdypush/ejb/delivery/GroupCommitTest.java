package io.spdypush.ejb.delivery;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GroupCommitTest {

    private static final int MAX_BATCH = 100;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopThreads() {
        executor.shutdownNow();
    }

    @Test
    void everyItemFromManyThreadsIsWrittenOnceInTheOrderEachThreadAddedIt() throws Exception {
        GroupCommit<String> commit = groupCommit(batches::add);
        List<Future<?>> producers = new ArrayList<>();
        for (int producer = 0; producer < 4; producer++) {
            String name = "p" + producer;
            producers.add(executor.submit(() -> IntStream.range(0, 5_000).forEach(i -> commit.add(name + ":" + i))));
        }
        for (Future<?> producer : producers) {
            producer.get(10, TimeUnit.SECONDS);
        }
        assertThat(commit.close(10_000), is(0));

        List<String> written = batches.stream().flatMap(List::stream).toList();
        for (int producer = 0; producer < 4; producer++) {
            String prefix = "p" + producer + ":";
            assertThat(written.stream().filter(item -> item.startsWith(prefix)).toList(),
                    is(IntStream.range(0, 5_000).mapToObj(i -> prefix + i).toList()));
        }
        assertThat(batches.stream().map(List::size).toList(), everyItem(lessThanOrEqualTo(MAX_BATCH)));
    }

    @Test
    void itemsArrivingWhileABatchIsWrittenGoTogetherInTheNext() throws Exception {
        CountDownLatch firstBatchStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstBatch = new CountDownLatch(1);
        GroupCommit<String> commit = groupCommit(batch -> {
            if (batches.isEmpty()) {
                firstBatchStarted.countDown();
                await(releaseFirstBatch);
            }
            batches.add(batch);
        });
        commit.add("first");
        assertThat(firstBatchStarted.await(5, TimeUnit.SECONDS), is(true));
        IntStream.range(0, 10).forEach(i -> commit.add("waiting-" + i));
        releaseFirstBatch.countDown();
        awaitWritten(11);

        assertThat(batches.stream().map(List::size).toList(), contains(1, 10));
    }

    @Test
    void aBatchThatFailsIsWrittenAgainUntilItSucceedsAndNothingIsLostOrDoubled() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        GroupCommit<String> commit = groupCommit(batch -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new IllegalStateException("database down");
            }
            batches.add(batch);
        });
        commit.add("a");
        awaitWritten(1);
        commit.add("b");
        awaitWritten(2);

        assertThat(batches.stream().flatMap(List::stream).toList(), contains("a", "b"));
        assertThat(attempts.get(), is(4));
    }

    @Test
    void closeWritesWhatIsLeftOnTheCallersThreadAndThenRefusesMore() {
        List<Runnable> neverRun = new ArrayList<>();
        GroupCommit<String> commit = new GroupCommit<>("test items", MAX_BATCH, neverRun::add, batches::add, 1, 10);
        IntStream.range(0, 250).forEach(i -> commit.add("item-" + i));

        assertThat(commit.close(1_000), is(0));

        assertThat(batches.stream().map(List::size).toList(), contains(100, 100, 50));
        assertThrows(IllegalStateException.class, () -> commit.add("late"));
    }

    @Test
    void closeReportsTheItemsItCouldNotWrite() {
        List<Runnable> neverRun = new ArrayList<>();
        GroupCommit<String> commit = new GroupCommit<>("test items", MAX_BATCH, neverRun::add, batch -> {
            throw new IllegalStateException("database down");
        }, 1, 10);
        IntStream.range(0, 150).forEach(i -> commit.add("item-" + i));

        assertThat(commit.close(1_000), is(150));
    }

    private GroupCommit<String> groupCommit(Consumer<List<String>> write) {
        return new GroupCommit<>("test items", MAX_BATCH, executor, write, 1, 10);
    }

    private void awaitWritten(int items) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (batches.stream().mapToInt(List::size).sum() < items) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("written: " + batches);
            }
            Thread.sleep(5);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
