package io.spdypush.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The command-line client as scripts run it, {@code java -jar push-client/target/push-client.jar}, in a process of
 * its own: the shaded jar the build of push-client made, with everything it needs inside.
 */
public final class PushClientJar {

    /** What a command printed, and its exit status. */
    public record Result(int exit, String stdout, String stderr) {
    }

    private static final Duration WAIT = Duration.ofSeconds(60);

    private PushClientJar() {
    }

    /** Runs the command to its end, with these environment variables besides the test's own. */
    public static Result run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        Running running = start(environment, args);
        try {
            if (!running.process().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("push-client.jar " + String.join(" ", args) + " did not end within " + WAIT
                        + "; stderr: " + running.stderr());
            }
            return new Result(running.process().exitValue(), running.stdout(), running.stderr());
        } finally {
            running.process().destroyForcibly();
        }
    }

    /** Starts the command; its output goes to files, so that it never waits for the test to read it. */
    public static Running start(Map<String, String> environment, String... args) throws IOException {
        Path jar = jar();
        Path stdout = Files.createTempFile("push-client-", ".stdout");
        Path stderr = Files.createTempFile("push-client-", ".stderr");
        stdout.toFile().deleteOnExit();
        stderr.toFile().deleteOnExit();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        return new Running(builder.start(), stdout, stderr);
    }

    /** A command still running, such as listen. */
    public record Running(Process process, Path stdoutFile, Path stderrFile) {

        public String stdout() throws IOException {
            return Files.readString(stdoutFile, StandardCharsets.UTF_8);
        }

        public String stderr() throws IOException {
            return Files.readString(stderrFile, StandardCharsets.UTF_8);
        }

        /** Waits until stderr or stdout holds the text, as a command prints its lines. */
        public void awaitOutput(String text) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!(stderr().contains(text) || stdout().contains(text))) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new AssertionError("no \"" + text + "\" from push-client.jar; stdout: " + stdout()
                            + "; stderr: " + stderr());
                }
                Thread.sleep(100);
            }
        }
    }

    /** push-it runs in its own directory, beside push-client's. */
    private static Path jar() {
        Path jar = Path.of(System.getProperty("basedir", "."), "..", "push-client", "target", "push-client.jar")
                .normalize();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: build it first with mvn -o install -pl push-client");
        }
        return jar;
    }
}
