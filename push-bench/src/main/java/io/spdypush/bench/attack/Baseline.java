package io.spdypush.bench.attack;

import java.util.Set;
import java.util.concurrent.TimeUnit;

/** No attack: the bystander alone, for the figures every attack is compared with. */
final class Baseline implements Attack {

    @Override
    public String name() {
        return "none (baseline)";
    }

    @Override
    public String does() {
        return "nothing: the bystander alone, as a reference for its figures";
    }

    @Override
    public String documented() {
        return "nothing to refuse";
    }

    @Override
    public Set<String> countedAs() {
        return Set.of();
    }

    @Override
    public Outcome run(Target target, long deadlineNanos) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(Math.max(0, deadlineNanos - System.nanoTime()));
        return new Outcome("nothing", true);
    }

    @Override
    public void close() {
        // Holds nothing.
    }
}
