package io.spdypush.ejb.delivery;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spdypush.ejb.StoreUnavailableException;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** While the database is away, sends are refused at once, and one at a time finds out whether it is back. */
class StoreFailuresTest {

    private static final PersistenceException CONNECTION_REFUSED =
            new PersistenceException("Connection to 127.0.0.1:5432 refused");

    private long now = 1_000_000_000L;
    private final StoreFailures failures = new StoreFailures(() -> now);

    @Test
    void sendsTryTheDatabaseWhileItTakesThem() {
        assertDoesNotThrow(failures::beforeTrying);
        failures.succeeded();
        assertDoesNotThrow(failures::beforeTrying);
    }

    @Test
    void afterAFailureSendsAreRefusedAtOnceWithItsReason() {
        failures.failed(CONNECTION_REFUSED);

        StoreUnavailableException refused = assertThrows(StoreUnavailableException.class, failures::beforeTrying);

        assertThat(refused.getMessage(), containsString("Connection to 127.0.0.1:5432 refused"));
        later(Duration.ofMillis(999));
        assertThrows(StoreUnavailableException.class, failures::beforeTrying);
    }

    @Test
    void afterTheBackOffOneSendTriesAndTheOthersAreStillRefused() {
        failures.failed(CONNECTION_REFUSED);
        later(Duration.ofSeconds(1));

        assertDoesNotThrow(failures::beforeTrying);
        assertThrows(StoreUnavailableException.class, failures::beforeTrying);
    }

    @Test
    void aSendThatSucceedsEndsTheRefusals() {
        failures.failed(CONNECTION_REFUSED);
        later(Duration.ofSeconds(1));
        failures.beforeTrying();

        failures.succeeded();

        assertDoesNotThrow(failures::beforeTrying);
        assertDoesNotThrow(failures::beforeTrying);
    }

    @Test
    void theBackOffDoublesWithEachFailureInARowUpToTwoSeconds() {
        failures.failed(CONNECTION_REFUSED);
        for (long seconds : new long[]{1, 2, 2, 2}) {
            later(Duration.ofSeconds(seconds).minusMillis(1));
            assertThrows(StoreUnavailableException.class, failures::beforeTrying, "within " + seconds + " s");
            later(Duration.ofMillis(1));
            assertDoesNotThrow(failures::beforeTrying, "after " + seconds + " s");
            failures.failed(CONNECTION_REFUSED);
        }
    }

    @Test
    void aTryThatNeverReportsBackDoesNotStopTheNextTry() {
        failures.failed(CONNECTION_REFUSED);
        later(Duration.ofSeconds(1));
        failures.beforeTrying();

        later(Duration.ofSeconds(1));

        assertDoesNotThrow(failures::beforeTrying);
    }

    private void later(Duration duration) {
        now += duration.toNanos();
    }
}
