package io.spdypush.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each transport offers over TLS, speaks in cleartext, and makes of the server's ALPN choice (§1, §10). */
class TransportTest {

    @Test
    void offersItsOwnProtocolOrAllThreeInTheServersOrderOfPreference() {
        assertThat(Transport.SPDY.alpnProtocols(), contains("spdy/3.1"));
        assertThat(Transport.H2.alpnProtocols(), contains("h2"));
        assertThat(Transport.HTTP1.alpnProtocols(), contains("http/1.1"));
        assertThat(Transport.AUTO.alpnProtocols(), contains("spdy/3.1", "h2", "http/1.1"));
    }

    @Test
    void autoSpeaksWhatTheServerSelectedOfWhatItOffered() {
        assertThat(Transport.AUTO.selectedBy("spdy/3.1"), is(Optional.of(Transport.SPDY)));
        assertThat(Transport.AUTO.selectedBy("h2"), is(Optional.of(Transport.H2)));
        assertThat(Transport.AUTO.selectedBy("http/1.1"), is(Optional.of(Transport.HTTP1)));
    }

    @Test
    void aSelectionTheTransportDidNotOfferIsNone() {
        assertThat(Transport.H2.selectedBy("h2"), is(Optional.of(Transport.H2)));
        assertThat(Transport.H2.selectedBy("spdy/3.1"), is(Optional.empty()));
        assertThat(Transport.HTTP1.selectedBy("h2"), is(Optional.empty()));
        assertThat("nothing selected", Transport.AUTO.selectedBy(""), is(Optional.empty()));
    }

    @Test
    void inCleartextAutoIsSpdyAndTheOthersThemselves() {
        assertThat(Transport.AUTO.inCleartext(), is(Transport.SPDY));
        assertThat(Transport.H2.inCleartext(), is(Transport.H2));
        assertThat(Transport.HTTP1.inCleartext(), is(Transport.HTTP1));
    }

    @Test
    void isNamedAsOnTheCommandLine() {
        assertThat(Transport.SPDY.toString(), is("spdy"));
        assertThat(Transport.H2.toString(), is("h2"));
        assertThat(Transport.HTTP1.toString(), is("http1"));
        assertThat(Transport.AUTO.toString(), is("auto"));
    }
}
