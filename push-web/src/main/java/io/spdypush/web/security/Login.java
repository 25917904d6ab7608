package io.spdypush.web.security;

import java.time.Duration;

/** How one login attempt ended, as {@link LoginGuard} decided it. */
public sealed interface Login {

    /** The right password of this account. */
    record Accepted(Account account) implements Login {
    }

    /** A wrong password, or a name that is no user's: checked, and counted against the caller. */
    record Wrong() implements Login {
    }

    /** Refused without the password checked, worth trying again after {@code retryAfter}. */
    record Refused(Why why, Duration retryAfter) implements Login {
    }

    /** Why a login was refused unchecked. */
    enum Why {
        /** Too many wrong passwords of this name from this address: answered like a wrong password. */
        NAME_LOCKED,
        /** Too many wrong logins from this address, whatever the names. */
        ADDRESS_LOCKED,
        /** As many password checks as may run at once are running. */
        BUSY
    }
}
