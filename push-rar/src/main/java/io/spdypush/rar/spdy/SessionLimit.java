package io.spdypush.rar.spdy;

import com.sun.management.UnixOperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * How many push sessions this process can hold: {@code maxSessions}, unless the process may open fewer files. Each
 * session is one socket, and past the file limit the server could not even accept a connection to refuse it (the
 * accept fails, again and again), so the sessions beyond the limit get 503 with retry-after as at
 * {@code maxSessions}, and a client that knows other nodes of a cluster goes to them.
 */
final class SessionLimit {

    /** Files kept for everything else the server opens: jars, logs, the database, the grid, HTTP connections. */
    static final long FILES_FOR_THE_REST = 1_000;

    private SessionLimit() {
    }

    /** The sessions this process can hold under {@code maxSessions}. */
    static int of(int maxSessions) {
        return within(maxSessions, maxOpenFiles());
    }

    /** The sessions under {@code maxSessions} that {@code maxOpenFiles} leave room for (at least 1). */
    static int within(int maxSessions, long maxOpenFiles) {
        return (int) Math.max(1, Math.min(maxSessions, maxOpenFiles - FILES_FOR_THE_REST));
    }

    /** The process's limit on open files, or no limit where the platform does not tell. */
    static long maxOpenFiles() {
        OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
        return system instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : Long.MAX_VALUE;
    }
}
