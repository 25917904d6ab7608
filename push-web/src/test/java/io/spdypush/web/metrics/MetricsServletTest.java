package io.spdypush.web.metrics;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/** Who may scrape when {@code spdypush.metrics.protected} is true; the container tests show the open default. */
class MetricsServletTest {

    private final Map<String, Object> answered = new HashMap<>();

    @Test
    void withoutAUserTheScrapeIsChallenged() throws Exception {
        assertThat(MetricsServlet.mayScrape(request(null, Set.of()), response()), is(false));
        assertThat(answered.get("sendError"), is(401));
        assertThat(answered.get("WWW-Authenticate"), is("Basic realm=\"spdypush\""));
    }

    @Test
    void aUserWithoutAScrapingRoleIsForbidden() throws Exception {
        assertThat(MetricsServlet.mayScrape(request("someone", Set.of("other")), response()), is(false));
        assertThat(answered.get("sendError"), is(403));
    }

    @Test
    void theMonitorAndTheAdminMayScrape() throws Exception {
        assertThat(MetricsServlet.mayScrape(request("monitor", Set.of("push-monitor")), response()), is(true));
        assertThat(MetricsServlet.mayScrape(request("admin", Set.of("push-admin")), response()), is(true));
        assertThat(answered.get("sendError"), nullValue());
    }

    private static HttpServletRequest request(String user, Set<String> roles) {
        Principal principal = user == null ? null : () -> user;
        return (HttpServletRequest) Proxy.newProxyInstance(MetricsServletTest.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isUserInRole" -> roles.contains((String) args[0]);
                    case "getUserPrincipal" -> principal;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private HttpServletResponse response() {
        return (HttpServletResponse) Proxy.newProxyInstance(MetricsServletTest.class.getClassLoader(),
                new Class<?>[]{HttpServletResponse.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setHeader" -> answered.put((String) args[0], args[1]);
                        case "sendError" -> answered.put("sendError", args[0]);
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });
    }
}
