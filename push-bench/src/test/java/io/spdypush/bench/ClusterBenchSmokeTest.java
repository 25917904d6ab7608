package io.spdypush.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The cluster bench in small (two nodes, two hundred sessions, a second per figure), so that it keeps working: real
 * Micro nodes on one data grid and the PostgreSQL of {@code .ci/start-postgres} (skipped without it), on ports of
 * the test's own (HTTP 28980-1, SPDY 28070-1, grid 26951-2). The figures themselves are not judged here, but every
 * session must be online, reached by the broadcast, and back with its message after its node is killed.
 */
class ClusterBenchSmokeTest {

    @Test
    @SuppressWarnings("unchecked")
    void smokeRunMeasuresEveryFigure() throws Exception {
        assumeTrue(LocalPostgres.listens(), "PostgreSQL is not running on 127.0.0.1:5432 (.ci/start-postgres)");
        ClusterBench.Options options = ClusterBench.Options.parse("--smoke", "--http-port", "28980", "--spdy-port",
                "28070", "--grid-port", "26951", "--out", "push-bench/target/cluster-bench-smoke");

        Map<String, Object> results = ClusterBench.run(options);

        assertThat(results.get("complete"), is(true));
        assertThat(results.get("sessionsOnline"), is(options.sessions()));
        List<Map<String, Object>> memory = (List<Map<String, Object>>) results.get("memoryPerIdleSession");
        assertThat(memory.size(), is(options.nodes()));
        Map<String, Object> broadcast = (Map<String, Object>) results.get("broadcast");
        assertThat(broadcast.get("allReached"), is(true));
        for (String where : new String[] {"sameNode", "otherNode"}) {
            Map<String, Object> unicast = (Map<String, Object>) ((Map<String, Object>) results.get("unicast")).get(where);
            assertThat(where + " received", (Long) unicast.get("received"),
                    both(greaterThan(0L)).and(lessThanOrEqualTo((Long) unicast.get("sent"))));
            assertThat(where + " refused", unicast.get("refused"), is(0L));
        }
        Map<String, Object> killed = (Map<String, Object>) results.get("killedNode");
        assertThat("online on the node killed", killed.get("sessions"), is(options.sessions() / options.nodes()));
        assertThat("back on another node", killed.get("back"), is(killed.get("sessions")));
        assertThat("back without the message kept for them", killed.get("lost"), is(0));
    }

}
