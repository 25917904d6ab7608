package io.spdypush.bench.attack;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every attack of the adversarial client, two seconds each, against a real Payara Micro on ports of the
 * test's own (HTTP 28380, SPDY 27470): each is refused the way README.md says, the bystander's session stays
 * up and answers every PING, and the server's heap grows by less than the bound. Its PING latency is printed,
 * not judged: two cores shared by the server, the attacker and the build make it a figure of the machine.
 */
class AttackSmokeTest {

    @Test
    void everyAttackIsRefusedAsDocumentedWhileTheBystanderIsServed() throws Exception {
        AttackSuite.Run run = AttackSuite.run(AttackSuite.Options.smoke());

        List<AttackSuite.Result> results = run.results();
        assertThat(results.size(), is(10));
        for (AttackSuite.Result result : results) {
            assertThat(result.attack() + ": " + result.answered(), result.refusedAsDocumented(), is(true));
            assertThat(result.attack() + ": the bystander's session, PINGs and pushes",
                    result.bystanderUnharmed(), is(true));
            assertThat(result.attack() + ": heap growth", result.heapGrowthBytes(),
                    lessThan(AttackSuite.HEAP_GROWTH_BOUND_BYTES));
        }
    }
}
