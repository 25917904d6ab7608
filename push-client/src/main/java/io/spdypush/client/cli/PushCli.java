package io.spdypush.client.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The command-line client, {@code java -jar push-client/target/push-client.jar <command> ...}. Scripts and the
 * tests of other modules call its commands, so their options, their output (one JSON object per line on stdout,
 * one line per event or error on stderr) and their exit status stay as the README's "Command-line client"
 * documents them: 0 ok, 1 failure, 2 bad arguments.
 */
@Command(name = "java -jar push-client.jar",
        // Inherited by every command: --help, --version and the layout of the usage text.
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        separator = " ",
        sortOptions = false,
        sortSynopsis = false,
        synopsisHeading = "usage: ",
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:ok",
                "1:failure (as the command's description says), the reason on stderr",
                "2:bad arguments: one line naming the option, then the usage, on stderr"},
        description = "The command-line client of spdypush: listens for pushed messages and sends business"
                + " requests over SPDY/3.1, HTTP/2 or HTTP/1.1, sends messages through the REST API, mints tokens"
                + " and hashes passwords. Each command has its own --help.")
public final class PushCli implements Callable<Integer> {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;

    /** Keeps the library's loggers at WARNING (a logger held only by name may be collected, losing its level). */
    private static final Logger LIBRARY_LOG = Logger.getLogger("io.spdypush.client");

    @Spec
    private CommandSpec spec;

    private PushCli() {
    }

    public static void main(String[] args) {
        LIBRARY_LOG.setLevel(Level.WARNING);
        System.exit(run(args, Terminal.ofProcess()));
    }

    static int run(String[] args, Terminal terminal) {
        CommandLine cli = new CommandLine(new PushCli())
                .addSubcommand(new ListenCommand(terminal))
                .addSubcommand(new RequestCommand(terminal))
                .addSubcommand(new SendCommand(terminal))
                .addSubcommand(new TokenCommand(terminal))
                .addSubcommand(new HashPasswordCommand(terminal));
        // Set after the commands are added, so that they apply to each of them too.
        return cli.setOut(new PrintWriter(terminal.out(), true))
                .setErr(new PrintWriter(terminal.err(), true))
                // Plain text, whether or not stderr is a terminal, as the usage text always was.
                .setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF))
                // The word after an option that takes a value is its value, even when it starts with "--".
                .setAllowOptionsAsOptionParameters(true)
                .setParameterExceptionHandler(new UsageErrors())
                .execute(args);
    }

    /** Without a command there is nothing to do. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a command is required");
    }
}
