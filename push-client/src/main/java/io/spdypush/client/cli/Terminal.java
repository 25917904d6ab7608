package io.spdypush.client.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a command uses besides its arguments: the standard streams, the terminal to ask a password on (null when
 * there is none: in a pipe, a script or a test) and the environment variables. The process's own in
 * {@link PushCli#main}, a test's own in tests.
 */
record Terminal(PrintStream out, PrintStream err, InputStream in, Console console, Map<String, String> environment) {

    static Terminal ofProcess() {
        return new Terminal(System.out, System.err, System.in, System.console(), System.getenv());
    }
}
