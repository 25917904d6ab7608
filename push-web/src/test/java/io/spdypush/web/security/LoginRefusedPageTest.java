package io.spdypush.web.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class LoginRefusedPageTest {

    @Test
    void retryAfterIsInWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(LoginRefusedPage.retryAfterSeconds(Duration.ofSeconds(300)), is(300L));
        assertThat(LoginRefusedPage.retryAfterSeconds(Duration.ofMillis(299_001)), is(300L));
        assertThat(LoginRefusedPage.retryAfterSeconds(Duration.ofNanos(1)), is(1L));
        assertThat(LoginRefusedPage.retryAfterSeconds(Duration.ZERO), is(1L));
    }
}
