package io.spdypush.rar.spdy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

class TopicSubscriptionsTest {

    private static final List<String> SCORES = List.of("scores");

    @Test
    void aSessionThatSubscribesWhileTheLastOneLeavesStaysSubscribed() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20_000; round++) {
                TopicSubscriptions<String> topics = new TopicSubscriptions<>();
                topics.subscribe("leaving", SCORES);
                CyclicBarrier together = new CyclicBarrier(2);
                Future<?> leaving = threads.submit(() -> {
                    together.await();
                    topics.unsubscribe("leaving", SCORES);
                    return null;
                });
                Future<?> joining = threads.submit(() -> {
                    together.await();
                    topics.subscribe("joining", SCORES);
                    return null;
                });
                leaving.get(5, TimeUnit.SECONDS);
                joining.get(5, TimeUnit.SECONDS);

                assertThat("round " + round, topics.subscribers("scores"), contains("joining"));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theLastSessionToLeaveTakesTheTopicWithIt() {
        TopicSubscriptions<String> topics = new TopicSubscriptions<>();
        topics.subscribe("only", SCORES);
        topics.unsubscribe("only", SCORES);

        assertThat(topics.subscribers("scores"), empty());
        assertThat(topics.page("", 0, 10), empty());
    }
}
