package io.spdypush.bench.fault;

import io.spdypush.bench.Machine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A fault run's result as a fragment of RELIABILITY.md, which is assembled from every fragment in
 * push-bench/target/reliability: a heading, what was done, a table of figures (the books of {@link Deliveries}
 * among them), the first lost ids if any, and the command that repeats it.
 */
final class ReliabilityFragment {

    private static final int LOST_IDS_SHOWN = 20;

    private final StringBuilder table = new StringBuilder("| | |\n|---|---|\n");
    private final String heading;
    private final String description;
    private List<String> lost = List.of();

    ReliabilityFragment(String heading, String description) {
        this.heading = heading;
        this.description = description;
    }

    ReliabilityFragment row(String name, Object value) {
        table.append("| ").append(name).append(" | ").append(value).append(" |\n");
        return this;
    }

    /** The rows every fault run has: what was accepted, delivered, lost, duplicated, and not accepted. */
    ReliabilityFragment deliveries(long accepted, long delivered, List<String> lost, long duplicates,
                                   long receivedUnconfirmed, Map<String, Long> notAccepted) {
        this.lost = lost;
        return row("messages accepted (202)", accepted)
                .row("delivered at least once", delivered)
                .row("**lost**", "**" + lost.size() + "**")
                .row("duplicates (allowed)", duplicates)
                .row("delivered though the send got no answer", receivedUnconfirmed)
                .row("not accepted (refused, not lost)", notAccepted.entrySet().stream()
                        .map(reason -> reason.getKey() + ": " + reason.getValue())
                        .collect(Collectors.joining(", ")));
    }

    void write(Path fragment, Instant started, Duration duration, String command) throws IOException {
        Map<String, Object> machine = Machine.describe();
        row("duration", duration.toSeconds() + " s");
        row("date", started.truncatedTo(ChronoUnit.SECONDS));
        row("machine", machine.get("cpu") + ", " + machine.get("cores") + " cores, " + machine.get("memTotal")
                + ", " + machine.get("os") + ", " + machine.get("java"));
        StringBuilder md = new StringBuilder("## ").append(heading).append("\n\n").append(description).append("\n\n")
                .append(table).append("\n");
        if (!lost.isEmpty()) {
            md.append("Lost (first ").append(LOST_IDS_SHOWN).append("): ")
                    .append(String.join(", ", lost.subList(0, Math.min(LOST_IDS_SHOWN, lost.size()))))
                    .append("\n\n");
        }
        md.append("`").append(command).append("`\n");
        Files.createDirectories(fragment.getParent());
        Files.writeString(fragment, md);
    }
}
