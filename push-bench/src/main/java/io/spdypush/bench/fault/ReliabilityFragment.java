package io.spdypush.bench.fault;

import io.spdypush.bench.Machine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes a kill loop's result as a fragment of RELIABILITY.md, which is assembled from every fragment. */
final class ReliabilityFragment {

    private static final int LOST_IDS_SHOWN = 20;

    private ReliabilityFragment() {
    }

    static void write(KillLoopResult result, KillLoopOptions options, Path fragment) throws IOException {
        Map<String, Object> machine = Machine.describe();
        StringBuilder md = new StringBuilder()
                .append("## Server killed (SIGKILL) under at-least-once traffic\n\n")
                .append("Payara Micro with push-rar.rar and push.war, a data directory and an H2 file database (as")
                .append(" `./run`); a sender posts stored messages at ").append(options.rate())
                .append("/s to ").append(options.clients()).append(" SDK clients (reconnecting, auto-ack); the")
                .append(" server is killed at a random moment ").append(options.minUptime().toMillis()).append("-")
                .append(options.maxUptime().toMillis()).append(" ms after each start and started again on the")
                .append(" same ports and data. After the last start the clients drain (at most ")
                .append(options.drain().toSeconds()).append(" s).\n\n")
                .append("| | |\n|---|---|\n")
                .append(row("kills survived", result.kills()))
                .append(row("messages accepted (202)", result.accepted()))
                .append(row("delivered at least once", result.delivered()))
                .append(row("**lost**", "**" + result.lost().size() + "**"))
                .append(row("duplicates (allowed)", result.duplicates()))
                .append(row("delivered though the send got no answer", result.receivedUnconfirmed()))
                .append(row("not accepted (refused, not lost; 404 while push.war deploys)", result.notAccepted().entrySet().stream()
                        .map(reason -> reason.getKey() + ": " + reason.getValue())
                        .collect(Collectors.joining(", "))))
                .append(row("duration", result.duration().toSeconds() + " s"))
                .append(row("date", result.started().truncatedTo(ChronoUnit.SECONDS)))
                .append(row("machine", machine.get("cpu") + ", " + machine.get("cores") + " cores, "
                        + machine.get("memTotal") + ", " + machine.get("os") + ", " + machine.get("java")))
                .append("\n");
        if (!result.lost().isEmpty()) {
            md.append("Lost (first ").append(LOST_IDS_SHOWN).append("): ")
                    .append(String.join(", ", result.lost().subList(0, Math.min(LOST_IDS_SHOWN,
                            result.lost().size())))).append("\n\n");
        }
        md.append("`java -cp push-bench/target/push-bench.jar io.spdypush.bench.fault.KillLoop --kills ")
                .append(options.kills()).append(" --clients ").append(options.clients()).append(" --rate ")
                .append(options.rate()).append(" --min-uptime ").append(options.minUptime().toMillis())
                .append(" --max-uptime ").append(options.maxUptime().toMillis()).append("`\n");
        Files.createDirectories(fragment.getParent());
        Files.writeString(fragment, md);
    }

    private static String row(String name, Object value) {
        return "| " + name + " | " + value + " |\n";
    }
}
