package io.spdypush.bench.fault;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KillLoopLedgerTest {

    @TempDir
    Path dir;

    @Test
    void aLaterCheckOfARunReplacesItsEarlierOneAndRunsAddUp() throws Exception {
        KillLoopLedger ledger = new KillLoopLedger(dir);
        Instant first = Instant.parse("2026-12-05T08:00:00Z");
        ledger.record("a", first, new KillLoopResult(50, 1000, 1000, List.of(), 3, 1,
                Map.of("HTTP 404", 10L), Duration.ofSeconds(600)));
        ledger.record("a", first, new KillLoopResult(100, 2000, 2000, List.of(), 5, 2,
                Map.of("HTTP 404", 20L, "connection refused", 4L), Duration.ofSeconds(1200)));
        ledger.record("b", first.plusSeconds(3600), new KillLoopResult(30, 500, 499, List.of("c/b-0-7"), 0, 0,
                Map.of("HTTP 404", 5L), Duration.ofSeconds(300)));

        KillLoopResult total = KillLoopLedger.total(ledger.runs());

        assertThat(ledger.runs(), hasSize(2));
        assertThat(KillLoopLedger.firstStarted(ledger.runs()), is(first));
        assertThat(total, is(new KillLoopResult(130, 2500, 2499, List.of("c/b-0-7"), 5, 2,
                Map.of("HTTP 404", 25L, "connection refused", 4L), Duration.ofSeconds(1500))));
    }

    @Test
    void clearingForgetsEveryRun() throws Exception {
        KillLoopLedger ledger = new KillLoopLedger(dir);
        ledger.record("a", Instant.now(), new KillLoopResult(1, 1, 1, List.of(), 0, 0, Map.of(), Duration.ZERO));

        ledger.clear();

        assertThat(ledger.runs(), is(empty()));
        assertThat(KillLoopLedger.total(ledger.runs()).kills(), is(0));
    }

    @Test
    void lostIdsSurviveTheRoundTrip() throws Exception {
        KillLoopLedger ledger = new KillLoopLedger(dir);
        ledger.record("a", Instant.now(), new KillLoopResult(2, 9, 7, List.of("c1/a-0-1", "c2/a-0-4"), 0, 0,
                Map.of(), Duration.ofSeconds(9)));

        assertThat(KillLoopLedger.total(ledger.runs()).lost(), contains("c1/a-0-1", "c2/a-0-4"));
    }
}
