package io.spdypush.fuzzing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records what a fuzz target did, one line per run appended to the module's
 * {@code target/fuzz-report.txt}, for the reliability report (docs/FUZZING.md gives the format).
 * Jazzer calls the fuzz method directly for each input, past JUnit's extensions, so the target
 * counts its executions itself with {@link #execution()}. A class registers it with
 * {@code @ExtendWith(FuzzReport.class)}; its classes run one after another, so the count is static.
 */
public final class FuzzReport implements BeforeAllCallback, AfterTestExecutionCallback, AfterAllCallback {

    static final Path REPORT = Path.of("target", "fuzz-report.txt");

    private static final AtomicLong EXECUTIONS = new AtomicLong();
    private static final AtomicLong FINDINGS = new AtomicLong();
    private static volatile long startedNanos;

    /** Counts one input run through the fuzz target; call it first in the target. */
    public static void execution() {
        EXECUTIONS.incrementAndGet();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        EXECUTIONS.set(0);
        FINDINGS.set(0);
        startedNanos = System.nanoTime();
    }

    /** In fuzzing mode the whole run is one test invocation, which fails on Jazzer's first finding. */
    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            FINDINGS.incrementAndGet();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        String line = String.format(Locale.ROOT, "%s target=%s mode=%s executions=%d seconds=%.1f findings=%d%n",
                Instant.now(), context.getRequiredTestClass().getName(), fuzzing() ? "fuzzing" : "regression",
                EXECUTIONS.get(), seconds, FINDINGS.get());
        try {
            Files.createDirectories(REPORT.getParent());
            Files.writeString(REPORT, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to " + REPORT.toAbsolutePath(), e);
        }
        System.out.print("[fuzz-report] " + line);
    }

    /** Jazzer fuzzes when JAZZER_FUZZ is set to a non-empty value; otherwise it runs the seeds only. */
    private static boolean fuzzing() {
        String flag = System.getenv("JAZZER_FUZZ");
        return flag != null && !flag.isEmpty();
    }
}
