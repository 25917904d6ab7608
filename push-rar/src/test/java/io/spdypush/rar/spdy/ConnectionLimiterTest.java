package io.spdypush.rar.spdy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** One host may not take every socket: an IPv6 host may not get round the limit by changing its address. */
class ConnectionLimiterTest {

    private final ConnectionLimiter limiter = new ConnectionLimiter(2);

    @Test
    void addressesOfOneIpv6Slash64ShareTheLimit() throws Exception {
        assertThat(limiter.admit(from("2001:db8:0:1::1")), is(true));
        assertThat(limiter.admit(from("2001:db8:0:1::2")), is(true));

        assertThat(limiter.admit(from("2001:db8:0:1:ffff:ffff:ffff:ffff")), is(false));
        assertThat("another /64", limiter.admit(from("2001:db8:0:2::1")), is(true));
    }

    @Test
    void ipv4AddressesCountEachOnTheirOwn() throws Exception {
        assertThat(limiter.admit(from("192.0.2.1")), is(true));
        assertThat(limiter.admit(from("192.0.2.1")), is(true));

        assertThat(limiter.admit(from("192.0.2.1")), is(false));
        assertThat(limiter.admit(from("192.0.2.2")), is(true));
    }

    @Test
    void aClosedConnectionMakesRoomForAnother() throws Exception {
        EmbeddedChannel first = from("2001:db8::1");
        limiter.admit(first);
        limiter.admit(from("2001:db8::2"));

        first.close().syncUninterruptibly();

        assertThat(limiter.admit(from("2001:db8::3")), is(true));
    }

    private static EmbeddedChannel from(String address) throws UnknownHostException {
        InetSocketAddress remote = new InetSocketAddress(InetAddress.getByName(address), 40_000);
        return new EmbeddedChannel() {
            @Override
            public SocketAddress remoteAddress() {
                return remote;
            }
        };
    }
}
