package io.spdypush.bench.fault;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Payara Micro logged from one offset of its log file on: the entries at WARNING (level value 900) or SEVERE
 * (1000), and the bytes, stack traces included.
 */
record ServerLogWindow(long warnings, long bytes) {

    static ServerLogWindow read(Path log, long from) throws IOException {
        try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(from);
            String written = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            long warnings = written.lines()
                    .filter(line -> line.contains("[levelValue: 900]") || line.contains("[levelValue: 1000]"))
                    .count();
            return new ServerLogWindow(warnings, Files.size(log) - from);
        }
    }
}
