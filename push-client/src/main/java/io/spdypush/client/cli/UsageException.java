package io.spdypush.client.cli;

/** The command line is wrong; the message says how, and the usage text follows it. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
