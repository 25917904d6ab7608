package io.spdypush.it;

import io.spdypush.client.PushClient;
import io.spdypush.client.Tokens;

import java.time.Instant;

/** What the tests know of the deployed layout's adapter: its SPDY port and token secret (see pom.xml). */
public final class Layout {

    private Layout() {
    }

    public static int spdyPort() {
        return Integer.getInteger("it.spdyPort");
    }

    /** A client of the layout's adapter with a token minted from the configured secret. */
    public static PushClient.Builder clientWithToken(String clientId) {
        long expiry = Instant.now().plusSeconds(300).getEpochSecond();
        return PushClient.builder()
                .server("127.0.0.1", spdyPort())
                .clientId(clientId)
                .token(Tokens.mint(System.getProperty("it.tokenSecret"), clientId, expiry));
    }
}
