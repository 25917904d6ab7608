package io.spdypush.client.cli;

import java.io.PrintStream;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The command-line client, {@code java -jar push-client/target/push-client.jar <command> ...}: its usage is
 * fixed by ARCHITECTURE.md ("Names that others rely on"). Exit status 0 ok, 1 failure, 2 bad arguments.
 */
public final class PushCli {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    static final String USAGE = """
            usage: java -jar push-client.jar listen --server HOST:PORT[,HOST:PORT...] --client-id ID
                                                    (--token T | --secret S | --token-command CMD) [--tls]
                                                    [--last-seq N | --state FILE]
                   java -jar push-client.jar request --server HOST:PORT[,HOST:PORT...] --client-id ID
                                                     (--token T | --secret S | --token-command CMD) [--tls]
                                                     [--method M] [--data BODY]
                                                     [--content-type CT] PATH
                   java -jar push-client.jar token --client-id ID --secret S [--ttl SECONDS]
                   java -jar push-client.jar hash-password
              listen   open the push stream and print one JSON object per message on stdout; when the
                       session is lost, reconnect and resume after the last message printed (kept in
                       FILE with --state, so that a restart resumes too); exit status 1 when refused.
                       Several servers (the nodes of a cluster): the first connection goes to one at
                       random, each reconnect to the next. --secret mints a token before each connection,
                       --token-command runs CMD (sh -c) for one; a 401 is then tried once more
              request  send a request for PATH (GET, or POST with --data; --content-type default text/plain)
                       and print the response, then each pushed sub-resource, as one JSON object per line;
                       exit status 1 for a status of 400 or more
              token    print a token for ID signed with the server's secret S (valid --ttl, default 3600 s)
              hash-password
                       read a password (from the terminal, or the first line of standard input) and
                       print its hash for the server's spdypush.admin.passwordHash
            """;

    /** Keeps the library's loggers at WARNING (a logger held only by name may be collected, losing its level). */
    private static final Logger LIBRARY_LOG = Logger.getLogger("io.spdypush.client");

    private PushCli() {
    }

    public static void main(String[] args) {
        LIBRARY_LOG.setLevel(Level.WARNING);
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 0) {
                throw new UsageException("a command is required");
            }
            return switch (args[0]) {
                case "listen" -> ListenCommand.run(
                        Arguments.parse(args, 1, ListenCommand.OPTIONS, ListenCommand.SWITCHES), out, err);
                case "request" -> RequestCommand.run(Arguments.parse(args, 1, RequestCommand.OPTIONS,
                        RequestCommand.SWITCHES, RequestCommand.OPERANDS), out, err);
                case "token" -> TokenCommand.run(
                        Arguments.parse(args, 1, TokenCommand.OPTIONS, TokenCommand.SWITCHES), out);
                case "hash-password" -> {
                    Arguments.parse(args, 1, Set.of(), Set.of());
                    yield HashPasswordCommand.run(System.console(), System.in, out);
                }
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            };
        } catch (UsageException e) {
            err.println("push-client: " + e.getMessage());
            err.print(USAGE);
            return EXIT_USAGE;
        }
    }
}
