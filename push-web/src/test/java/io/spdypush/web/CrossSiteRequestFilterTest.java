package io.spdypush.web;

import org.junit.jupiter.api.Test;

import static io.spdypush.web.CrossSiteRequestFilter.isCrossSite;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class CrossSiteRequestFilterTest {

    @Test
    void scriptsWithoutBrowserHeadersPass() {
        assertThat(isCrossSite(null, null, "localhost:8080"), is(false));
    }

    @Test
    void aBrowserOnOurOwnPagesPasses() {
        assertThat(isCrossSite("same-origin", "http://localhost:8080", "localhost:8080"), is(false));
        assertThat(isCrossSite(null, "http://localhost:8080", "localhost:8080"), is(false));
        assertThat(isCrossSite("none", null, "localhost:8080"), is(false));
    }

    @Test
    void aBrowserSendingForAnotherSiteIsRefused() {
        assertThat(isCrossSite("cross-site", "https://evil.example", "localhost:8080"), is(true));
        assertThat(isCrossSite("same-site", "http://other.localhost:8080", "localhost:8080"), is(true));
        assertThat(isCrossSite(null, "https://evil.example", "localhost:8080"), is(true));
        assertThat(isCrossSite(null, "null", "localhost:8080"), is(true));
        assertThat(isCrossSite(null, "http://localhost:9090", "localhost:8080"), is(true));
    }
}
