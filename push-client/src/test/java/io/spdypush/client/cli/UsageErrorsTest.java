package io.spdypush.client.cli;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A wrong command line: exit status 2, one line naming what is wrong, then the command's usage, all on stderr. */
class UsageErrorsTest {

    private static final String SECRET = "s3cret-s3cret-s3cret-s3cret-s3cret";

    private final CliRunner cli = new CliRunner();

    @Test
    void anOptionGivenTwiceIsNamed() {
        assertThat(cli.run("token", "--client-id", "d", "--secret", SECRET, "--tls", "--tls"), is(2));
        assertThat(cli.stderr(), startsWith("push-client: --tls is given twice\nusage: java -jar push-client.jar"
                + " token "));
        assertThat(cli.stdout(), is(emptyString()));
    }

    @Test
    void anOptionWithoutItsValueIsNamed() {
        assertThat(cli.run("token", "--client-id", "d", "--secret", SECRET, "--ttl"), is(2));
        assertThat(cli.stderr(), startsWith("push-client: --ttl needs a value\n"));
    }

    @Test
    void aMissingOptionIsNamed() {
        assertThat(cli.run("token", "--secret", SECRET), is(2));
        assertThat(cli.stderr(), startsWith("push-client: --client-id is required\n"));
    }

    @Test
    void aNegativeNumberIsRefusedWithTheOptionsName() {
        assertThat(cli.run("token", "--client-id", "d", "--secret", SECRET, "--ttl", "-5"), is(2));
        assertThat(cli.stderr(), startsWith("push-client: --ttl '-5' is not a non-negative whole number\n"));
    }

    @Test
    void twoCredentialsAreRefusedNamingAllThree() {
        assertThat(cli.run("listen", "--server", "h:1", "--client-id", "d", "--token", "t", "--secret", SECRET), is(2));
        assertThat(cli.stderr(), startsWith("push-client: give exactly one of --token, --secret and --token-command\n"
                + "usage: java -jar push-client.jar listen "));
    }

    @Test
    void theWordAfterAnOptionIsItsValueEvenWhenItLooksLikeAnOption() {
        assertThat(cli.run("token", "--client-id", "--secret", "--secret", SECRET), is(0));
        String clientId = Base64.getUrlEncoder().withoutPadding().encodeToString("--secret".getBytes(US_ASCII));
        assertThat(cli.stdout(), startsWith(clientId + "."));
    }

    @Test
    void anOptionWithAnEqualsSignIsUnknownAsItAlwaysWas() {
        assertThat(cli.run("token", "--client-id", "d", "--secret", SECRET, "--ttl=5"), is(2));
        assertThat(cli.stderr(), startsWith("push-client: unknown option '--ttl=5'\n"));
    }

    @Test
    void anUnexpectedOperandIsNamed() {
        assertThat(cli.run("listen", "--server", "h:1", "--client-id", "d", "--token", "t", "stray"), is(2));
        assertThat(cli.stderr(), startsWith("push-client: unexpected argument 'stray'\n"));
    }
}
