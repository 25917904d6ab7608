package io.spdypush.web.security;

import io.spdypush.password.PasswordHash;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class AccountTest {

    private final Account admin = new Account("admin", WebSecurity.ADMIN_ROLE,
            PasswordHash.of("right".toCharArray(), 1000));

    @Test
    void acceptsItsPasswordAndNoOther() {
        assertThat(admin.accepts("wrong".toCharArray()), is(false));
        assertThat(admin.accepts("right".toCharArray()), is(true));
        assertThat(admin.accepts("righ".toCharArray()), is(false));
        assertThat(admin.accepts(new char[0]), is(false));
    }

    @Test
    void remembersOnlyThePasswordItAccepted() {
        assertThat("nothing verified yet", admin.remembers("right".toCharArray()), is(false));
        admin.accepts("right".toCharArray());
        assertThat(admin.remembers("right".toCharArray()), is(true));
        assertThat(admin.remembers("wrong".toCharArray()), is(false));
        assertThat(admin.remembers(new char[0]), is(false));
    }
}
