package io.spdypush.client.cli;

import io.spdypush.password.PasswordHash;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

class HashPasswordCommandTest {

    private final CliRunner cli = new CliRunner();

    @Test
    void printsAHashOfTheFirstLineThatTheServerAccepts() {
        int exit = cli.stdin("s3cret pass\nignored\n").run("hash-password");

        assertThat(exit, is(0));
        String printed = cli.stdout().trim();
        assertThat(printed, not(containsString("s3cret")));
        assertThat(PasswordHash.parse(printed).matches("s3cret pass".toCharArray()), is(true));
    }

    @Test
    void anEmptyPasswordIsAUsageError() {
        assertThat(cli.stdin("").run("hash-password"), is(2));
        assertThat(cli.stderr(), containsString("non-empty password"));
    }

    @Test
    void takesNoArguments() {
        assertThat(cli.stdin("pass\n").run("hash-password", "pass"), is(2));
        assertThat(cli.stderr(), containsString("unexpected argument 'pass'"));
    }
}
