package io.spdypush.bench.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fuzzing section of RELIABILITY.md, from the run records that each module's fuzz targets append to
 * {@code target/fuzz-report.txt} (docs/FUZZING.md): the latest run of each target, with its executions and
 * findings.
 */
final class FuzzRecord {

    static final List<String> MODULES = List.of("push-codec", "push-spdy", "push-rar", "push-web");
    private static final Pattern LINE = Pattern.compile(
            "(\\S+) target=(\\S+) mode=(\\S+) executions=(\\d+) seconds=(\\S+) findings=(\\d+)");

    private FuzzRecord() {
    }

    /** The section, or empty when no module has a record (the fuzz targets have not run since the last clean). */
    static Optional<String> markdown(Path repo) throws IOException {
        Map<String, Matcher> latest = new TreeMap<>();
        for (String module : MODULES) {
            Path report = repo.resolve(module).resolve("target/fuzz-report.txt");
            if (Files.isRegularFile(report)) {
                for (String line : Files.readAllLines(report)) {
                    Matcher run = LINE.matcher(line.trim());
                    if (run.matches()) {
                        latest.put(module + " " + run.group(2), run);
                    }
                }
            }
        }
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder("## Fuzzing\n\n");
        out.append("The parsers that face the outside, fuzzed with Jazzer as docs/FUZZING.md describes: each target's"
                + " latest run on this machine, read from the modules' `target/fuzz-report.txt` (`mvn verify` fuzzes"
                + " each for 15 s; `-Dfuzz.duration=4h` longer).\n\n");
        out.append("| module | target | mode | executions | seconds | findings | at |\n|---|---|---|---:|---:|---:|---|\n");
        latest.forEach((key, run) -> out.append(String.format("| %s | `%s` | %s | %s | %s | %s | %s |%n",
                key.substring(0, key.indexOf(' ')), simpleName(run.group(2)), run.group(3), run.group(4),
                run.group(5), run.group(6), run.group(1))));
        return Optional.of(out.toString());
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
