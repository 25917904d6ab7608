package io.spdypush.bench.fault;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The kill loop in small (three kills, a few clients, the books checked after the second and the third), so that
 * a crash of the server losing an accepted message fails the build: the real Micro with its H2 file database, on ports of the test's own (HTTP 28480,
 * SPDY 27570). The long run is {@code KillLoop --kills 1000} (BENCHMARKS.md).
 */
class KillLoopTest {

    @Test
    void everyAcceptedMessageArrivesAfterRepeatedSigkillOfTheServer() throws Exception {
        KillLoopOptions options = KillLoopOptions.parse("--kills", "3", "--clients", "3", "--rate", "50",
                "--min-uptime", "3000", "--max-uptime", "10000", "--drain", "60", "--check-every", "2",
                "--http-port", "28480", "--spdy-port", "27570", "--out", "push-bench/target/fault-kill-test",
                "--fragment", "push-bench/target/reliability/21-kills-verify.md");

        KillLoopResult result = KillLoop.run(options);

        assertThat(result.kills(), is(3));
        assertThat("messages accepted", result.accepted(), greaterThan(0L));
        assertThat("accepted messages that never arrived", result.lost(), is(empty()));
        assertThat(Files.readString(Path.of("target/reliability/21-kills-verify.md")),
                containsString("kills survived | 3"));
    }
}
