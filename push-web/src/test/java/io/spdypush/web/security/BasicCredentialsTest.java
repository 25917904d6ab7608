package io.spdypush.web.security;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

class BasicCredentialsTest {

    @Test
    void theUserEndsAtTheFirstColonAndThePasswordMayHoldMore() {
        assertThat(BasicCredentials.of(basic("admin:pa:ss wörd")),
                is(Optional.of(new BasicCredentials("admin", "pa:ss wörd"))));
        assertThat(BasicCredentials.of("basic " + encode("admin:x")).map(BasicCredentials::user),
                is(Optional.of("admin")));
    }

    @Test
    void whatIsNotBasicWithUserAndPasswordIsNoCredentials() {
        assertThat(BasicCredentials.of(null), is(Optional.empty()));
        assertThat(BasicCredentials.of("Bearer abc"), is(Optional.empty()));
        assertThat(BasicCredentials.of("Basic not-base64!"), is(Optional.empty()));
        assertThat(BasicCredentials.of(basic("no colon")), is(Optional.empty()));
    }

    @Test
    void thePasswordIsNeverPrinted() {
        assertThat(new BasicCredentials("admin", "s3cret").toString(), not(containsString("s3cret")));
    }

    private static String basic(String userAndPassword) {
        return "Basic " + encode(userAndPassword);
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
