package io.spdypush.client.cli;

import io.spdypush.client.ServerAddress;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    private static final Set<String> OPTIONS = Set.of("--server", "--ttl");
    private static final Set<String> SWITCHES = Set.of("--tls");

    @Test
    void readsHostAndPort() throws Exception {
        assertThat(parse("--server", "push.example.com:7070").servers("--server"),
                contains(new ServerAddress("push.example.com", 7070)));
    }

    @Test
    void readsAnIpv6HostInBrackets() throws Exception {
        assertThat(parse("--server", "[::1]:7070").servers("--server"), contains(new ServerAddress("::1", 7070)));
    }

    @Test
    void readsSeveralServersSeparatedByCommas() throws Exception {
        assertThat(parse("--server", "node1:7071, node2:7072,[::1]:7073").servers("--server"),
                contains(new ServerAddress("node1", 7071), new ServerAddress("node2", 7072),
                        new ServerAddress("::1", 7073)));
    }

    @Test
    void rejectsAnIpv6HostWithoutBrackets() {
        assertThat(assertThrows(UsageException.class, () -> parse("--server", "::1:7070").servers("--server"))
                .getMessage(), containsString("is not HOST:PORT"));
    }

    @Test
    void rejectsAPortOutOfRange() {
        assertThat(assertThrows(UsageException.class, () -> parse("--server", "h:65536").servers("--server"))
                .getMessage(), containsString("port 1-65535"));
    }

    @Test
    void rejectsAnOptionGivenTwice() {
        assertThat(assertThrows(UsageException.class, () -> parse("--tls", "--tls")).getMessage(),
                is("--tls is given twice"));
    }

    @Test
    void rejectsAnOptionWithoutItsValue() {
        assertThat(assertThrows(UsageException.class, () -> parse("--ttl")).getMessage(), is("--ttl needs a value"));
    }

    @Test
    void rejectsANegativeNumber() {
        assertThat(assertThrows(UsageException.class, () -> parse("--ttl", "-5").number("--ttl", 1)).getMessage(),
                containsString("not a non-negative whole number"));
    }

    @Test
    void readsOperandsAmongTheOptions() throws Exception {
        Arguments parsed = Arguments.parse(new String[] {"/a", "--ttl", "5", "/b"}, 0, OPTIONS, SWITCHES,
                List.of("FIRST", "SECOND"));

        assertThat(parsed.operand("FIRST"), is("/a"));
        assertThat(parsed.operand("SECOND"), is("/b"));
        assertThat(parsed.number("--ttl", 1), is(5L));
    }

    @Test
    void rejectsAnOperandTheCommandDoesNotTake() {
        assertThat(assertThrows(UsageException.class, () -> parse("--tls", "stray")).getMessage(),
                is("unexpected argument 'stray'"));
    }

    private static Arguments parse(String... args) throws UsageException {
        return Arguments.parse(args, 0, OPTIONS, SWITCHES);
    }
}
