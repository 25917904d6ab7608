package io.spdypush.client.cli;

import io.spdypush.password.PasswordHash;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HashPasswordCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Test
    void printsAHashOfTheFirstLineThatTheServerAccepts() throws Exception {
        int exit = HashPasswordCommand.run(null, stdin("s3cret pass\nignored\n"), new PrintStream(out, true));

        assertThat(exit, is(0));
        String printed = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(printed, not(containsString("s3cret")));
        assertThat(PasswordHash.parse(printed).matches("s3cret pass".toCharArray()), is(true));
    }

    @Test
    void anEmptyPasswordIsAUsageError() {
        UsageException refused = assertThrows(UsageException.class,
                () -> HashPasswordCommand.run(null, stdin(""), new PrintStream(out, true)));
        assertThat(refused.getMessage(), containsString("non-empty password"));
    }

    private static ByteArrayInputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
