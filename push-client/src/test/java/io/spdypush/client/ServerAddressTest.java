package io.spdypush.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ServerAddressTest {

    @Test
    void readsHostAndPort() {
        assertThat(ServerAddress.parse("push.example.com:7070"), is(new ServerAddress("push.example.com", 7070)));
    }

    @Test
    void readsAnIpv6HostInBrackets() {
        assertThat(ServerAddress.parse("[::1]:7070"), is(new ServerAddress("::1", 7070)));
        assertThat(new ServerAddress("::1", 7070).toString(), is("[::1]:7070"));
    }

    @Test
    void readsSeveralServersSeparatedByCommas() {
        assertThat(ServerAddress.parseList("node1:7071, node2:7072,[::1]:7073"),
                contains(new ServerAddress("node1", 7071), new ServerAddress("node2", 7072),
                        new ServerAddress("::1", 7073)));
    }

    @Test
    void rejectsAnIpv6HostWithoutBrackets() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse("::1:7070")).getMessage(),
                containsString("is not HOST:PORT"));
    }

    @Test
    void rejectsAPortOutOfRange() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse("h:65536")).getMessage(),
                containsString("port 1-65535"));
    }
}
