package io.spdypush.bench.reliability;

import io.spdypush.bench.Bench;
import io.spdypush.bench.Machine;
import io.spdypush.bench.attack.AttackReport;
import io.spdypush.bench.attack.AttackSuite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Makes RELIABILITY.md: runs the attack suite, which writes its section to
 * {@code push-bench/target/reliability/attacks.md}, then assembles every section found there ({@code *.md},
 * in name order; other phases of the reliability suite write theirs there too) under a header that says what
 * the file is, when and where it was measured, and the command that made it. The fuzzing section is made from
 * the fuzz targets' run records ({@link FuzzRecord}). {@code --assemble-only} assembles the sections already
 * there without running the attacks.
 *
 * <pre>mvn -q -pl push-bench -am package -DskipTests &amp;&amp;
 *     java -cp push-bench/target/push-bench.jar io.spdypush.bench.reliability.Reliability</pre>
 */
public final class Reliability {

    static final String COMMAND = "mvn -q -pl push-bench -am package -DskipTests && java -cp"
            + " push-bench/target/push-bench.jar io.spdypush.bench.reliability.Reliability";

    private Reliability() {
    }

    public static void main(String[] args) throws Exception {
        boolean assembleOnly = List.of(args).contains("--assemble-only");
        if (args.length > (assembleOnly ? 1 : 0)) {
            throw new IllegalArgumentException("usage: Reliability [--assemble-only]; see README.md, Reliability");
        }
        Path repo = Bench.repository();
        Path sections = repo.resolve("push-bench/target/reliability");
        Files.createDirectories(sections);
        boolean withinBounds = true;
        if (!assembleOnly) {
            AttackSuite.Run run = AttackSuite.run(AttackSuite.Options.full());
            Files.writeString(sections.resolve("attacks.md"), AttackReport.markdown(run));
            withinBounds = run.results().stream()
                    .allMatch(result -> result.withinBounds() && result.refusedAsDocumented());
        }
        Optional<String> fuzzing = FuzzRecord.markdown(repo);
        if (fuzzing.isPresent()) {
            Files.writeString(sections.resolve("40-fuzzing.md"), fuzzing.get());
        }
        Path document = repo.resolve("RELIABILITY.md");
        Files.writeString(document, assemble(sections, ZonedDateTime.now(ZoneOffset.UTC), Machine.describe()));
        System.out.println("wrote " + document);
        System.exit(withinBounds ? 0 : 1);
    }

    /** The header, then every section of the directory in name order. */
    static String assemble(Path sections, ZonedDateTime now, Map<String, Object> machine) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("# Reliability\n\n");
        out.append("""
                What the server does under attack and failure, measured against a real Payara Micro running \
                `push-rar.rar` and `push.war`: each section below is written by one phase of the reliability \
                suite (push-bench) and says how it was measured. The bench's figures are in BENCHMARKS.md.

                """);
        out.append(String.format("Assembled %s on %s (%s cores, %s), %s, %s. Made by:%n%n",
                now.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")), machine.get("cpu"),
                machine.get("cores"), machine.get("memTotal"), machine.get("os"), machine.get("java")));
        out.append("```sh\n").append(COMMAND).append("\n```\n");
        try (Stream<Path> files = Files.list(sections)) {
            for (Path section : files.filter(file -> file.getFileName().toString().endsWith(".md")).sorted()
                    .toList()) {
                out.append('\n').append(Files.readString(section).strip()).append('\n');
            }
        }
        return out.toString();
    }
}
