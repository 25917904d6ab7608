package io.spdypush.client;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where a push server listens: a host name or address and a port.
 *
 * @param host a name, an IPv4 address or an IPv6 address (without brackets)
 * @param port 1-65535
 */
public record ServerAddress(String host, int port) {

    public ServerAddress {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("the host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 1-65535");
        }
    }

    /**
     * {@code HOST:PORT}, an IPv6 host in brackets ({@code [::1]:7070}).
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static ServerAddress parse(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        String host = colon > 0 ? hostAndPort.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            host = "";
        }
        int port = -1;
        try {
            port = Integer.parseInt(hostAndPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            // reported below, with the whole value
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + hostAndPort + "' is not HOST:PORT (an IPv6 host in brackets,"
                    + " port 1-65535)");
        }
        return new ServerAddress(host, port);
    }

    /** {@code HOST:PORT,HOST:PORT,...}, each as {@link #parse} takes it. */
    public static List<ServerAddress> parseList(String hostsAndPorts) {
        return Arrays.stream(hostsAndPorts.split(",")).map(String::trim).map(ServerAddress::parse).toList();
    }

    /** {@code host:port}, an IPv6 literal in brackets: the {@code :host} header's value. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
