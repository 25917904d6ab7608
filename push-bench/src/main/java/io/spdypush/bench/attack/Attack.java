package io.spdypush.bench.attack;

import java.util.Set;

/**
 * One way a client can attack the server, done against the real server until a deadline. What the attack
 * still holds when {@link #run} returns stays open until {@link #close}, so that the server's heap is
 * measured while it holds it.
 */
interface Attack extends AutoCloseable {

    /** Its name in the report, e.g. "PING flood". */
    String name();

    /** What the attacker does, in a sentence. */
    String does();

    /** What README.md ("Hostile clients") says the server answers. */
    String documented();

    /** The badInput kinds (GET /push/api/status) its refusal is counted under, any of them; empty if none. */
    Set<String> countedAs();

    /** Attacks until the deadline, then waits (bounded) for the refusals still due, and says what came. */
    Outcome run(Target target, long deadlineNanos) throws Exception;

    /** Closes what the attack still holds. */
    @Override
    void close();
}
