package io.spdypush.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {

    private static final ReconnectPolicy POLICY = new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void theLongestWaitDoublesFromBaseUpToCap() {
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(POLICY::ceiling).map(Duration::toSeconds).toList(),
                is(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L)));
        assertThat(POLICY.ceiling(Integer.MAX_VALUE), is(Duration.ofSeconds(30)));
    }

    @Test
    void theStandardPolicyIsOneSecondToFiveMinutes() {
        assertThat(ReconnectPolicy.STANDARD.ceiling(1), is(Duration.ofSeconds(1)));
        assertThat(ReconnectPolicy.STANDARD.ceiling(100), is(Duration.ofMinutes(5)));
    }

    @Test
    void waitsARandomTimeBetweenZeroAndTheLongestWait() {
        Random random = new Random(42);
        long belowHalf = 0;
        for (int i = 0; i < 1_000; i++) {
            Duration delay = POLICY.delay(3, random);
            assertThat(delay.isNegative(), is(false));
            assertThat(delay, lessThanOrEqualTo(Duration.ofSeconds(4)));
            belowHalf += delay.compareTo(Duration.ofSeconds(2)) < 0 ? 1 : 0;
        }
        assertThat("full jitter spreads the waits over the whole range", belowHalf, greaterThan(400L));
        assertThat(belowHalf, lessThanOrEqualTo(600L));
    }

    @Test
    void aRefusalWithRetryAfterWaitsAtLeastThatLong() {
        Reconnection reconnection = new Reconnection(POLICY, false);
        SessionClosedException busy = refused(503, OptionalLong.of(7));

        Duration delay = reconnection.next(busy, new Random(1)).orElseThrow();

        assertThat(delay.compareTo(Duration.ofSeconds(7)) >= 0, is(true));
        assertThat(delay, lessThanOrEqualTo(Duration.ofSeconds(8)));
    }

    @Test
    void refusalsThatTryingAgainCannotFixStop() {
        Reconnection reconnection = new Reconnection(POLICY, false);

        for (int status : new int[] {400, 401, 409}) {
            assertThat("status " + status, reconnection.next(refused(status, OptionalLong.empty()), new Random(1))
                    .isPresent(), is(false));
        }
        assertThat(reconnection.next(refused(500, OptionalLong.empty()), new Random(1)).isPresent(), is(true));
    }

    @Test
    void attemptsCountFromTheLastAcceptedSession() {
        Reconnection reconnection = new Reconnection(POLICY, false);
        SessionClosedException lost = new SessionClosedException("lost");
        reconnection.next(lost, new Random(1));
        reconnection.next(lost, new Random(1));
        assertThat(reconnection.attempt(), is(2));

        reconnection.reset();
        reconnection.next(lost, new Random(1));

        assertThat(reconnection.attempt(), is(1));
    }

    @Test
    void rejectsACapBelowBase() {
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> new ReconnectPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1))).getMessage(),
                containsString("cap PT1S is below base PT2S"));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectPolicy(Duration.ZERO, Duration.ofSeconds(1)));
    }

    private static SessionClosedException refused(int status, OptionalLong retryAfter) {
        PushRefusedException refusal = new PushRefusedException("the push stream", status, retryAfter);
        return new SessionClosedException(refusal.getMessage(), refusal);
    }
}
