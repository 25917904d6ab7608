package io.spdypush.client.cli;

import io.spdypush.password.PasswordHash;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code hash-password}: prints the PBKDF2 hash of a password for the server's
 * {@code spdypush.admin.passwordHash}. The password is read from the terminal without echo, or as
 * the first line of standard input in a script, never from the command line, where {@code ps}
 * and the shell's history would show it.
 */
@Command(name = "hash-password",
        description = {
                "Print the hash of a password for the server's configuration.",
                "The password is read from the terminal, or the first line of standard input. The hash is the"
                        + " value of",
                "  spdypush.admin.passwordHash or spdypush.monitor.passwordHash"})
final class HashPasswordCommand implements Callable<Integer> {

    private final Terminal terminal;

    @Spec
    private CommandSpec spec;

    HashPasswordCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        char[] password = terminal.console() != null ? terminal.console().readPassword("password: ") : firstLine();
        try {
            if (password == null || password.length == 0) {
                throw new ParameterException(spec.commandLine(),
                        "hash-password needs a non-empty password on its standard input");
            }
            terminal.out().println(PasswordHash.of(password).encoded());
            return PushCli.EXIT_OK;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private char[] firstLine() {
        try {
            String line = new BufferedReader(new InputStreamReader(terminal.in(), StandardCharsets.UTF_8)).readLine();
            return line == null ? null : line.toCharArray();
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(),
                    "cannot read the password from standard input: " + e.getMessage());
        }
    }
}
