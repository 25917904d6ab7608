package io.spdypush.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BenchOptionsTest {

    @Test
    void theDefaultsAreTheFullRunOfEveryTransport() {
        BenchOptions options = BenchOptions.parse();
        assertThat(options.transports(), is(List.of("spdy", "h2", "ws", "sse")));
        assertThat(options.parts(), is(BenchOptions.ALL_PARTS));
        assertThat(options.smoke(), is(false));
        assertThat(options.commonRate(), is(BenchOptions.DEFAULT_COMMON_RATE));
    }

    @Test
    void theCommonRateIsOneRateForEveryTransport() {
        assertThat(BenchOptions.parse("--common-rate", "2500").commonRate(), is(2500));
        assertThat(BenchOptions.parse("--common-rate", "2500").describe().get("commonRate"), is(2500));
    }

    @Test
    void partsAlwaysIncludeTheIdleSessionsTheOthersNeed() {
        BenchOptions options = BenchOptions.parse("--parts", "storm", "--transports", "h2", "--sessions", "100,300");
        assertThat(options.parts(), is(Set.of("idle", "storm")));
        assertThat(options.measures("unicast"), is(false));
        assertThat(options.transports(), is(List.of("h2")));
        assertThat(options.sessions()[1], is(300));
        assertThat(options.describe().get("parts").toString(), is("[idle, storm]"));
    }

    @Test
    void anUnknownPartIsRefusedWithTheKnownOnes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse("--parts", "idle,latency"));
        assertThat(error.getMessage(), containsString("each part is one of [broadcast, bundles, idle, pools, storm, unicast]"));
    }

    @Test
    void anUnknownOptionPointsToTheBenchmarksPage() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse("--idle", "only"));
        assertThat(error.getMessage(), containsString("unknown option --idle; see BENCHMARKS.md"));
    }
}
