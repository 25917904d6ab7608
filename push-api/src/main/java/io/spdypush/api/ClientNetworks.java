package io.spdypush.api;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who counts as one client when limits are kept per address: an IPv4 address, or for IPv6 the /64 it lies in,
 * since a subscriber is routed a whole /64 and can pick any address of it. The adapter's connection limit and
 * the web module's login throttle count by the same key.
 */
public final class ClientNetworks {

    private ClientNetworks() {
    }

    /** The IPv4 address, or the IPv6 /64 such as {@code 2001:0db8:0000:0001::/64}. */
    public static String of(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] prefix = address.getAddress();
            return String.format("%02x%02x:%02x%02x:%02x%02x:%02x%02x::/64", prefix[0], prefix[1], prefix[2],
                    prefix[3], prefix[4], prefix[5], prefix[6], prefix[7]);
        }
        return address.getHostAddress();
    }

    /** The same for an address as text (a servlet's remote address); text that is no address is its own key. */
    public static String of(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            // A literal with a colon is parsed, never looked up.
            return of(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
