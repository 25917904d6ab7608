package io.spdypush.client.cli;

import io.spdypush.password.PasswordHash;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code hash-password}: prints the PBKDF2 hash of a password for the server's
 * {@code spdypush.admin.passwordHash}. The password is read from the terminal without echo, or as
 * the first line of standard input in a script, never from the command line, where {@code ps}
 * and the shell's history would show it.
 */
final class HashPasswordCommand {

    private HashPasswordCommand() {
    }

    static int run(Console console, InputStream in, PrintStream out) throws UsageException {
        char[] password = console != null ? console.readPassword("password: ") : firstLine(in);
        try {
            if (password == null || password.length == 0) {
                throw new UsageException("hash-password needs a non-empty password on its standard input");
            }
            out.println(PasswordHash.of(password).encoded());
            return PushCli.EXIT_OK;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static char[] firstLine(InputStream in) throws UsageException {
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            return line == null ? null : line.toCharArray();
        } catch (IOException e) {
            throw new UsageException("cannot read the password from standard input: " + e.getMessage());
        }
    }
}
