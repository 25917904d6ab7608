package io.spdypush.rar.spdy;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class TakeoversTest {

    private static final long START = TimeUnit.HOURS.toNanos(1);

    @Test
    void theEleventhTakeoverOfAMinuteWaitsForTheRestOfItAndTheNextMinuteStartsAfresh() {
        Takeovers takeovers = new Takeovers();
        for (int i = 0; i < Takeovers.MAX; i++) {
            assertThat(takeovers.waitSeconds(START + TimeUnit.SECONDS.toNanos(i)), is(0L));
        }
        assertThat(takeovers.waitSeconds(START + TimeUnit.SECONDS.toNanos(20)), is(40L));
        assertThat(takeovers.waitSeconds(START + TimeUnit.SECONDS.toNanos(60)), is(0L));
    }

    @Test
    void aMinuteCarriedToAnotherNodeGoesOnThere() {
        Takeovers before = new Takeovers();
        for (int i = 0; i < Takeovers.MAX; i++) {
            before.waitSeconds(START);
        }
        Takeovers.Carried carried = before.carried(START + TimeUnit.SECONDS.toNanos(15));
        assertThat(carried, is(new Takeovers.Carried(Takeovers.MAX, 15_000)));

        Takeovers after = new Takeovers();
        long there = START * 3; // another node's clock
        after.resume(carried, there);
        assertThat("45 s of the minute left", after.waitSeconds(there), is(45L));
    }

    @Test
    void aCarriedMinuteThatIsOverOrCountsLessThanTheOwnIsIgnored() {
        Takeovers takeovers = new Takeovers();
        takeovers.resume(new Takeovers.Carried(Takeovers.MAX, Long.MAX_VALUE), START);
        assertThat(takeovers.waitSeconds(START), is(0L));

        takeovers.waitSeconds(START);
        takeovers.resume(new Takeovers.Carried(1, 0), START);
        assertThat(takeovers.carried(START).count(), is(2));
    }
}
