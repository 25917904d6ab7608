package io.spdypush.web.security;

import io.spdypush.api.ClientNetworks;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Slows down guessing passwords over HTTP Basic, with two locks. A user name that gets
 * {@code maxFailures} wrong passwords from one remote address within {@code window} is refused from
 * that address for {@code lock}: counted per user name and address together, so that someone
 * guessing from one address cannot lock the real admin out from another. And an address that sends
 * {@code maxFailuresPerAddress} wrong logins within {@code window}, whatever the names, is refused
 * for {@code lock} for every name: made-up names each start a count of their own, so without this
 * one address could have any number of passwords checked. An IPv6 address counts as its /64, the
 * block one subscriber gets. A lock ends by itself: refused attempts do not make it longer. Each
 * lock remembers at most {@code maxTracked} keys. Thread-safe.
 */
public final class LoginThrottle {

    /** User names are cut to this length in the key, so that long made-up names cost no more memory. */
    static final int NAME_CHARS_KEPT = 64;

    /** What a lock is keyed by. */
    public enum Locked { NAME, ADDRESS }

    /** A login refused unchecked: which lock holds it, and for how much longer. */
    public record Refusal(Locked by, Duration remaining) {
    }

    private final FailureLocks names;
    private final FailureLocks addresses;
    private final LongSupplier nanoTime;

    /**
     * @param maxFailures           wrong passwords of one name from one address within {@code window} that lock
     *                              the name there; at least 1
     * @param maxFailuresPerAddress wrong logins from one address within {@code window}, any names, that lock the
     *                              address; at least 1
     * @param window                how far back failures count
     * @param lock                  how long a lock holds
     * @param maxTracked            keys each lock remembers at most; at least 1
     * @param nanoTime              the clock, {@code System::nanoTime} but in tests
     */
    public LoginThrottle(int maxFailures, int maxFailuresPerAddress, Duration window, Duration lock, int maxTracked,
                         LongSupplier nanoTime) {
        this.names = new FailureLocks(maxFailures, window, lock, maxTracked);
        this.addresses = new FailureLocks(maxFailuresPerAddress, window, lock, maxTracked);
        this.nanoTime = nanoTime;
    }

    /** Why a login of {@code user} from {@code address} is refused now, or empty when it may be checked. */
    public synchronized Optional<Refusal> lockedFor(String user, String address) {
        long now = nanoTime.getAsLong();
        String client = client(address);
        Optional<Duration> byAddress = addresses.lockedFor(client, now);
        if (byAddress.isPresent()) {
            return byAddress.map(remaining -> new Refusal(Locked.ADDRESS, remaining));
        }
        return names.lockedFor(nameKey(user, client), now).map(remaining -> new Refusal(Locked.NAME, remaining));
    }

    /**
     * Counts a wrong login of {@code user} from {@code address}, a name that is no user's as well.
     *
     * @return the locks this failure started, for the one log line an operator wants
     */
    public synchronized Set<Locked> failed(String user, String address) {
        long now = nanoTime.getAsLong();
        String client = client(address);
        Set<Locked> started = EnumSet.noneOf(Locked.class);
        if (names.failed(nameKey(user, client), now)) {
            started.add(Locked.NAME);
        }
        if (addresses.failed(client, now)) {
            started.add(Locked.ADDRESS);
        }
        return started;
    }

    /**
     * The right password: what was counted against the name from there is forgotten. Not what was
     * counted against the address, else a guesser who knows one password (the monitor's) could
     * clear its count between guesses.
     */
    public synchronized void succeeded(String user, String address) {
        names.forget(nameKey(user, client(address)));
    }

    /** Pairs of name and address remembered now; for tests. */
    synchronized int trackedNames() {
        return names.tracked();
    }

    /** Addresses remembered now; for tests. */
    synchronized int trackedAddresses() {
        return addresses.tracked();
    }

    /** The address, or for IPv6 its /64 ({@link ClientNetworks}). */
    static String client(String address) {
        return ClientNetworks.of(address);
    }

    private static String nameKey(String user, String client) {
        String name = user.length() > NAME_CHARS_KEPT ? user.substring(0, NAME_CHARS_KEPT) : user;
        return client + '\n' + name;
    }
}
