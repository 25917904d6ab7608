package io.spdypush.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's GC log ({@code -Xlog:gc:file=<log>:uptime}, {@link #jvmOption}) read between two moments: the pauses
 * and what they freed, from which the bytes allocated in between follow (see {@link Window#allocatedBytes}).
 */
final class GcLog {

    /** {@code [12.345s] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 120M->30M(512M) 12.345ms}. */
    private static final Pattern PAUSE = Pattern.compile(
            "^.* Pause .* (\\d+)([KMG])->(\\d+)([KMG])\\(\\d+[KMG]\\) (\\d+\\.\\d+)ms$");

    private final Path file;

    GcLog(Path file) {
        this.file = file;
    }

    /** The JVM option that writes this log. */
    String jvmOption() {
        return "-Xlog:gc:file=" + file + ":uptime";
    }

    /** How many lines the log has now: the start of a window. */
    int mark() throws IOException {
        return Files.isRegularFile(file) ? Files.readAllLines(file).size() : 0;
    }

    /** The pauses logged since {@code mark}. */
    Window since(int mark) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Pause> pauses = new ArrayList<>();
        for (String line : lines.subList(Math.min(mark, lines.size()), lines.size())) {
            Matcher pause = PAUSE.matcher(line.trim());
            if (pause.matches()) {
                pauses.add(new Pause(bytes(pause.group(1), pause.group(2)), bytes(pause.group(3), pause.group(4)),
                        Double.parseDouble(pause.group(5))));
            }
        }
        return new Window(pauses);
    }

    private static long bytes(String amount, String unit) {
        long value = Long.parseLong(amount);
        return switch (unit) {
            case "K" -> value << 10;
            case "M" -> value << 20;
            default -> value << 30;
        };
    }

    record Pause(long heapBeforeBytes, long heapAfterBytes, double millis) {
    }

    record Window(List<Pause> pauses) {

        /**
         * The bytes allocated in the window, given the used heap at its start and at its end: what grew the heap
         * plus what each pause found garbage.
         */
        long allocatedBytes(long heapUsedAtStart, long heapUsedAtEnd) {
            long freed = pauses.stream().mapToLong(pause -> pause.heapBeforeBytes() - pause.heapAfterBytes()).sum();
            return heapUsedAtEnd - heapUsedAtStart + freed;
        }

        double totalPauseMillis() {
            return pauses.stream().mapToDouble(Pause::millis).sum();
        }

        double longestPauseMillis() {
            return pauses.stream().mapToDouble(Pause::millis).max().orElse(0);
        }
    }
}
