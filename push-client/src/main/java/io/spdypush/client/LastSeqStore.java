package io.spdypush.client;

import java.io.IOException;
import java.util.OptionalLong;

/**
 * Keeps the highest seq the application has fully processed, so that a client resumes where it stopped
 * (docs/PROTOCOL.md §2, {@code push-last-seq}): the server then sends only later messages, and the client drops any
 * earlier one that comes anyway. {@link InMemoryLastSeqStore} survives reconnects, {@link FileLastSeqStore} also a
 * restart of the process.
 *
 * <p>The client reads the store once, at its first {@code connect()}, and then writes it from the connection's
 * event loop, so an implementation must be quick: once per batch of messages read, not once per message.
 */
public interface LastSeqStore {

    /** The seq saved last, or empty when none has been saved yet (the server then sends all it holds). */
    OptionalLong load() throws IOException;

    /** Replaces the saved seq; the client only ever saves a higher one. */
    void save(long seq) throws IOException;
}
