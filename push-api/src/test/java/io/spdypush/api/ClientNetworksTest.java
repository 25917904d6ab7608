package io.spdypush.api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ClientNetworksTest {

    @Test
    void anIpv6AddressCountsAsItsSlash64() throws Exception {
        assertThat(ClientNetworks.of(InetAddress.getByName("2001:db8:0:1:aaaa:bbbb:cccc:dddd")),
                is("2001:0db8:0000:0001::/64"));
        assertThat(ClientNetworks.of("0:0:0:0:0:0:0:1"), is("0000:0000:0000:0000::/64"));
    }

    @Test
    void anIpv4AddressCountsAsItself() throws Exception {
        assertThat(ClientNetworks.of(InetAddress.getByName("10.0.0.66")), is("10.0.0.66"));
        assertThat(ClientNetworks.of("10.0.0.66"), is("10.0.0.66"));
    }

    @Test
    void textThatIsNoAddressIsItsOwnKeyAndIsNeverLookedUp() {
        assertThat(ClientNetworks.of("not:an:address"), is("not:an:address"));
        assertThat(ClientNetworks.of("example.org"), is("example.org"));
    }
}
