package io.spdypush.bench.attack;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The attack suite's section of RELIABILITY.md, in Markdown. */
public final class AttackReport {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private AttackReport() {
    }

    public static String markdown(AttackSuite.Run run) {
        AttackSuite.Options options = run.options();
        StringBuilder out = new StringBuilder();
        out.append("## Hostile clients against a real server\n\n");
        out.append(String.format(Locale.ROOT, """
                Measured %s by the adversarial client (`io.spdypush.bench.attack.AttackSuite`): Payara Micro with \
                `push-rar.rar` and `push.war` (`-Xmx1g`), started for the run on loopback (HTTP %d, SPDY %d), with \
                the adapter's defaults except `%s`: the three timeouts are shortened from 30, 30 and 10 s so that \
                the refusals they bring come within an attack. Each attack went on for %d s, then waited at most \
                %d s for the refusals still due, while a bystander session (a client of its own, on its own event \
                loop) sent a PING every 20 ms and got a push every 100 ms through the HTTP API, each timed from the \
                POST until its DATA reached the push stream. The server, the attacker and the bystander share the \
                machine's %d cores with whatever else runs there: its load averages (1, 5, 15 min) were %s at the \
                start and %s at the end; the baseline row is the bystander with no attack.

                - **heap growth**: the server's used heap after a full GC (`jcmd GC.run`) at the end of the attack, \
                while it still held what it holds then, minus the same before it;
                - **server CPU**: the server's user and system time during the attack over the wall time (1.00 = \
                one core busy);
                - **badInput**: what `GET /push/api/status` counted during the attack;
                - **as documented**: the server answered as README.md ("Hostile clients", "Logging in the first \
                time") says, and counted it.

                The bounds of issue 17: no attack takes the bystander's PING p99 to 100 ms or more, or grows the \
                heap by %d MiB or more; the bystander's session stays up, every PING is answered and every push \
                arrives.

                """, WHEN.format(run.started()), options.httpPort(), options.spdyPort(),
                String.join(" ", run.serverSettings()), options.attack().toSeconds(),
                options.refusalWait().toSeconds(), run.machine().get("cores"), run.loadAverages().get(0),
                run.loadAverages().get(1), AttackSuite.HEAP_GROWTH_BOUND_BYTES >> 20));
        out.append("| attack | what the server answered | as documented | bystander PING p50 / p99 / max, ms"
                + " | PINGs answered | push p99, ms | pushes arrived | heap growth, MiB | server CPU, cores"
                + " | badInput | within bounds |\n");
        out.append("|---|---|---|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (AttackSuite.Result result : run.results()) {
            Bystander.Figures bystander = result.bystander();
            out.append(String.format(Locale.ROOT,
                    "| %s | %s | %s | %.1f / %.1f / %.1f | %d of %d | %.1f | %d of %d | %+.1f | %.2f | %s | %s |%n",
                    result.attack(), cell(result.answered()), result.refusedAsDocumented() ? "yes" : "**no**",
                    result.pingMillis(50), result.pingMillis(99), result.pingMillis(100), bystander.pingsAnswered(),
                    bystander.pingsSent(), result.pushMillis(99), bystander.pushesReceived(),
                    bystander.pushesSent(), result.heapGrowthBytes() / 1048576.0, result.serverCores(),
                    result.badInput().isEmpty() ? "–" : cell(result.badInput().toString()),
                    result.withinBounds() ? "yes" : "**no**" + (bystander.online() ? "" : " (bystander dropped)")));
        }
        out.append("\nWhat each attack does, and what README.md says the server answers:\n\n");
        for (AttackSuite.Result result : run.results()) {
            out.append("- **").append(result.attack()).append("**: ").append(result.does())
                    .append(". Documented: ").append(result.documented()).append(".\n");
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "/");
    }
}
