package io.spdypush.bench.fault;

import io.spdypush.bench.LocalPostgres;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The database of the stored messages goes away while they are sent (PostgreSQL through a {@link DatabaseLink} that
 * is cut for ten seconds): every send is refused to its sender or delivered, none is lost. Needs PostgreSQL on
 * 127.0.0.1:5432 ({@code .ci/start-postgres}); skipped without it. Nor is the server's log flooded meanwhile. Ports: HTTP 28490, SPDY 27580.
 */
class DatabaseOutageTest {

    @Test
    void everySendDuringADatabaseOutageIsRefusedOrDelivered() throws Exception {
        assumeTrue(LocalPostgres.listens(), "PostgreSQL is not running on 127.0.0.1:5432 (.ci/start-postgres)");
        Path driver = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        DatabaseOutage.Result result = DatabaseOutage.run(driver, 28490, 27580, Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(10));
        Deliveries deliveries = result.deliveries();

        assertThat("accepted", deliveries.accepted(), greaterThan(0L));
        assertThat("refused while the database was away, to be tried again", deliveries.notAcceptedByReason().keySet(),
                both(hasItem("HTTP 503")).and(not(hasItem("HTTP 500"))));
        assertThat("accepted messages that never arrived", deliveries.lost(), is(empty()));
        long refused = deliveries.notAcceptedByReason().get("HTTP 503");
        assertThat("server log entries at WARNING or SEVERE while the database was away (" + refused
                + " sends refused): the refusals are logged once a minute, and while they last the sends do not"
                + " reach the database, whose pool would log each", result.warningsDuringOutage(), lessThan(250L));
        assertThat("not ready while the database is away: " + result.readiness().duringOutageBody(),
                result.readiness().duringOutage(), is(503));
        assertThat(result.readiness().duringOutageBody(), containsString("message-store"));
        assertThat("ready again once it is back: " + result.readiness().afterBody(), result.readiness().after(),
                is(200));
    }
}
