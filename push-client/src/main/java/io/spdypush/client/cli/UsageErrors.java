package io.spdypush.client.cli;

import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MaxValuesExceededException;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.MutuallyExclusiveArgsException;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A wrong command line: one line on stderr, {@code push-client: } and what is wrong in the words the client has
 * always used ({@code --ttl needs a value}, {@code unknown option '--verbose'}), then the usage of the command,
 * and exit status 2. The commands' own checks throw a {@link ParameterException} with their message.
 */
final class UsageErrors implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        command.getErr().println("push-client: " + message(error, List.of(args)));
        command.usage(command.getErr());
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static String message(ParameterException error, List<String> args) {
        if (error instanceof UnmatchedArgumentException unmatched) {
            String first = unmatched.getUnmatched().get(0);
            if (first.startsWith("-")) {
                return "unknown option '" + first + "'";
            }
            boolean takesCommands = !error.getCommandLine().getSubcommands().isEmpty();
            return (takesCommands ? "unknown command '" : "unexpected argument '") + first + "'";
        }
        if (error instanceof OverwrittenOptionException overwritten) {
            return name(overwritten.getOverwritten()) + " is given twice";
        }
        if (error instanceof MissingParameterException missing) {
            ArgSpec first = missing.getMissing().get(0);
            if (first instanceof OptionSpec option && given(option, args)) {
                return option.longestName() + " needs a value";
            }
            if (first.group() != null && first.group().exclusive()) {
                return exactlyOne(first.group());
            }
            return name(first) + " is required";
        }
        if (error instanceof MutuallyExclusiveArgsException || error instanceof MaxValuesExceededException) {
            // Which group was given more than once picocli does not say: the arguments do.
            for (ArgGroupSpec group : error.getCommandLine().getCommandSpec().argGroups()) {
                List<String> given = args.stream().filter(arg -> group.options().stream()
                        .anyMatch(option -> Arrays.asList(option.names()).contains(arg))).toList();
                if (given.size() > 1) {
                    return given.stream().distinct().count() == 1 ? given.get(0) + " is given twice"
                            : exactlyOne(group);
                }
            }
        }
        if (error.getCause() instanceof TypeConversionException invalid && error.getArgSpec() != null) {
            return name(error.getArgSpec()) + " " + invalid.getMessage();
        }
        return error.getMessage();
    }

    /** {@code give exactly one of --a, --b and --c}. */
    private static String exactlyOne(ArgGroupSpec group) {
        List<String> names = group.options().stream().map(OptionSpec::longestName).toList();
        String allButLast = String.join(", ", names.subList(0, names.size() - 1));
        return "give exactly one of " + allButLast + " and " + names.get(names.size() - 1);
    }

    private static boolean given(OptionSpec option, List<String> args) {
        return Arrays.stream(option.names()).anyMatch(args::contains);
    }

    /** {@code --ttl} for an option, {@code PATH} for an operand. */
    private static String name(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
    }
}
