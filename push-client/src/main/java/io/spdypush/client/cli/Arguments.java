package io.spdypush.client.cli;

import io.spdypush.client.ServerAddress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The arguments after the command: {@code --name value} pairs and {@code --flag} switches, each at most once,
 * and operands (such as a path) in the order given, anywhere among them.
 */
final class Arguments {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> operandNames;
    private final List<String> operands = new ArrayList<>();

    private Arguments(List<String> operandNames) {
        this.operandNames = operandNames;
    }

    /** Parses the arguments of a command that takes no operands; see below. */
    static Arguments parse(String[] args, int from, Set<String> options, Set<String> switches)
            throws UsageException {
        return parse(args, from, options, switches, List.of());
    }

    /**
     * Parses {@code args} from index {@code from} on.
     *
     * @param options      the options taking a value that the command accepts
     * @param switches     the flags the command accepts
     * @param operandNames the names of the operands the command accepts, in order, as the usage text has them
     */
    static Arguments parse(String[] args, int from, Set<String> options, Set<String> switches,
                           List<String> operandNames) throws UsageException {
        Arguments parsed = new Arguments(operandNames);
        for (int i = from; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--")) {
                if (parsed.operands.size() == operandNames.size()) {
                    throw new UsageException("unexpected argument '" + name + "'");
                }
                parsed.operands.add(name);
            } else if (switches.contains(name)) {
                if (!parsed.flags.add(name)) {
                    throw new UsageException(name + " is given twice");
                }
            } else if (options.contains(name)) {
                if (i + 1 == args.length) {
                    throw new UsageException(name + " needs a value");
                }
                if (parsed.values.put(name, args[++i]) != null) {
                    throw new UsageException(name + " is given twice");
                }
            } else {
                throw new UsageException("unknown option '" + name + "'");
            }
        }
        return parsed;
    }

    String required(String name) throws UsageException {
        return optional(name).orElseThrow(() -> new UsageException(name + " is required"));
    }

    /** The operand of that name (from the list given to {@link #parse}). */
    String operand(String name) throws UsageException {
        int index = operandNames.indexOf(name);
        if (index < 0 || index >= operands.size()) {
            throw new UsageException(name + " is required");
        }
        return operands.get(index);
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name));
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    /** A non-negative whole number, or the default when the option is absent. */
    long number(String name, long defaultValue) throws UsageException {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value.get());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with the option's name
        }
        throw new UsageException(name + " '" + value.get() + "' is not a non-negative whole number");
    }

    /** {@code --server HOST:PORT[,HOST:PORT...]}: the nodes of a cluster, or one server. */
    List<ServerAddress> servers(String name) throws UsageException {
        String value = required(name);
        try {
            return ServerAddress.parseList(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + " " + e.getMessage());
        }
    }
}
