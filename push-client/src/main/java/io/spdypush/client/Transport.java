package io.spdypush.client;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a client speaks to the server (docs/PROTOCOL.md §1, §10): the same push stream, acknowledgements and business
 * requests in the framing of SPDY/3.1, HTTP/2 or HTTP/1.1. Over TLS the client offers the transport's protocols by
 * ALPN and the server picks one; in cleartext it speaks with prior knowledge.
 */
public enum Transport {

    /** SPDY/3.1, the reference transport: ALPN {@code spdy/3.1}. */
    SPDY(ClientTls.ALPN_SPDY_3_1),
    /** HTTP/2: ALPN {@code h2}, or the HTTP/2 preface in cleartext. Sub-resources come as PUSH_PROMISEs. */
    H2(ClientTls.ALPN_H2),
    /**
     * HTTP/1.1: the push stream takes a connection of its own, and each acknowledgement and business request goes on
     * another, bound to the session by {@code push-session}. Sub-resources are only tagged.
     */
    HTTP1(ClientTls.ALPN_HTTP_1_1),
    /** Over TLS, whichever of SPDY/3.1, HTTP/2 and HTTP/1.1 the server picks by ALPN; in cleartext, SPDY/3.1. */
    AUTO(ClientTls.ALPN_SPDY_3_1, ClientTls.ALPN_H2, ClientTls.ALPN_HTTP_1_1);

    private final List<String> alpnProtocols;

    Transport(String... alpnProtocols) {
        this.alpnProtocols = List.of(alpnProtocols);
    }

    /** The ALPN protocol ids the client offers over TLS, in its order of preference. */
    public List<String> alpnProtocols() {
        return alpnProtocols;
    }

    /** The name of the command line's {@code --transport}: {@code spdy}, {@code h2}, {@code http1}, {@code auto}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the connection speaks in cleartext, where nothing is negotiated: {@link #AUTO} means SPDY/3.1. */
    Transport inCleartext() {
        return this == AUTO ? SPDY : this;
    }

    /**
     * What the connection speaks after the server selected {@code protocol} by ALPN: empty when that is not one this
     * transport offered (or nothing).
     */
    Optional<Transport> selectedBy(String protocol) {
        if (!alpnProtocols.contains(protocol)) {
            return Optional.empty();
        }
        return Optional.of(switch (protocol) {
            case ClientTls.ALPN_H2 -> H2;
            case ClientTls.ALPN_HTTP_1_1 -> HTTP1;
            default -> SPDY;
        });
    }
}
