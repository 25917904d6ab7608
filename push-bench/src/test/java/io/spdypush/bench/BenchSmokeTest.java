package io.spdypush.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bench in small (a few hundred sessions, seconds per figure), so that it keeps working: the real
 * Micro pair and the alternatives, on ports of the test's own (HTTP 28280, SPDY 27370), every transport
 * and every measurement, and the files it writes. The figures themselves are not judged here.
 */
class BenchSmokeTest {

    @Test
    @SuppressWarnings("unchecked")
    void smokeRunMeasuresEveryFigureOfEveryTransport() throws Exception {
        BenchOptions options = BenchOptions.parse("--smoke", "--http-port", "28280", "--spdy-port", "27370",
                "--out", "push-bench/target/bench-smoke");

        Map<String, Object> results = Bench.run(options);

        assertThat(results.get("complete"), is(true));
        Map<String, Object> transports = (Map<String, Object>) results.get("transports");
        for (String transport : new String[] {"spdy", "h2", "ws", "sse"}) {
            Map<String, Object> figures = (Map<String, Object>) transports.get(transport);
            assertThat(transport + " idle sessions", figures.get("sessions"), is(options.sessions()[1]));
            assertThat(transport + " connects/s", (Double) figures.get("connectsPerSecond"), greaterThan(0.0));
            for (String unicast : new String[] {"unicast", "unicastHttp"}) {
                Map<String, Object> max = (Map<String, Object>) ((Map<String, Object>) figures.get(unicast)).get("max");
                assertThat(transport + " " + unicast + " received", (Long) max.get("received"),
                        both(greaterThan(0L)).and(lessThanOrEqualTo((Long) max.get("sent"))));
                assertThat(transport + " " + unicast + " refused", max.get("refused"), is(0L));
            }
            Map<String, Object> broadcast = (Map<String, Object>) figures.get("broadcast");
            assertThat(transport + " broadcast reached all", broadcast.get("allReached"), is(true));
            Map<String, Object> storm = (Map<String, Object>) figures.get("reconnectStorm");
            assertThat(transport + " storm reopened", storm.get("reopened"), is(options.sessions()[1]));
        }
        Map<String, Object> ours = (Map<String, Object>) transports.get("spdy");
        for (String batch : new String[] {"max", "storedMax"}) {
            Map<String, Object> max = (Map<String, Object>) ((Map<String, Object>) ours.get("unicastHttpBatch"))
                    .get(batch);
            assertThat("batched " + batch + " received", (Long) max.get("received"),
                    both(greaterThan(0L)).and(lessThanOrEqualTo((Long) max.get("sent"))));
            assertThat("batched " + batch + " refused", max.get("refused"), is(0L));
        }
        assertThat("messages lost in our storm", ((Map<String, Object>) ours.get("reconnectStorm")).get("lost"), is(0));
        assertThat("messages lost in our storm over HTTP/2",
                ((Map<String, Object>) ((Map<String, Object>) transports.get("h2")).get("reconnectStorm")).get("lost"),
                is(0));
        Map<String, Object> pools = (Map<String, Object>) results.get("pools");
        Map<String, Object> reusing = (Map<String, Object>) pools.get("reuse");
        Map<String, Object> notReusing = (Map<String, Object>) pools.get("noReuse");
        assertThat("message arrays reused", (Double) ((Map<String, Object>) reusing.get("reusedPercent")).get("message"),
                greaterThan(50.0));
        assertThat("no array reused with reuse off",
                ((Map<String, Object>) notReusing.get("reusedPercent")).get("message"), is(0.0));
        assertThat("allocation measured", (Double) notReusing.get("allocatedKiBPerMessage"), greaterThan(0.0));
        Path out = Path.of("target/bench-smoke");
        for (String file : new String[] {"results.json", "table.md", "latency-max.png", "latency-halfMax.png",
                "throughput.png", "memory.png"}) {
            assertThat(file, Files.size(out.resolve(file)), greaterThan(0L));
        }
    }
}
