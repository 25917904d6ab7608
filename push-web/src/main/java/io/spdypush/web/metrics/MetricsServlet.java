package io.spdypush.web.metrics;

import io.spdypush.ejb.PushService;
import io.spdypush.ejb.PushUnavailableException;
import io.spdypush.ejb.webhook.Webhooks;
import io.spdypush.web.security.WebSecurity;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.util.stream.Collectors;

/**
 * {@code GET /push/metrics}: the adapter's status for Prometheus to scrape, as {@link PrometheusText}.
 * A servlet at the application's root, where Prometheus looks by convention, rather than a second
 * JAX-RS application: that one would take in every resource of the WAR unless both applications
 * listed their classes. Answers 404 when MicroProfile Config {@code spdypush.metrics.enabled} is
 * false, and 503 while the adapter cannot be reached, which Prometheus records as a failed scrape.
 * Open by default, as Prometheus scrapes are; with {@code spdypush.metrics.protected} true it needs
 * the role push-admin or push-monitor, checked here because web.xml cannot make a constraint depend
 * on configuration.
 */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {

    static final String ENABLED_PROPERTY = "spdypush.metrics.enabled";
    static final String PROTECTED_PROPERTY = "spdypush.metrics.protected";

    @Inject
    @ConfigProperty(name = ENABLED_PROPERTY, defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = PROTECTED_PROPERTY, defaultValue = "false")
    boolean restricted;

    @EJB
    private PushService push;

    @Inject
    private Webhooks webhooks;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!enabled) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "metrics are off (" + ENABLED_PROPERTY + ")");
            return;
        }
        if (restricted && !mayScrape(request, response)) {
            return;
        }
        String metrics;
        try {
            String node = push.node().orElse("");
            metrics = PrometheusText.of(push.status(), node) + PrometheusText.ofWebhooks(webhooks.all().stream()
                    .collect(Collectors.toMap(served -> served.webhook().id(), Webhooks.Served::stats)), node);
        } catch (PushUnavailableException e) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, e.getMessage());
            return;
        }
        response.setContentType(PrometheusText.CONTENT_TYPE);
        response.getWriter().write(metrics);
    }

    /** Answers 401 with the Basic challenge, or 403, unless the caller has a role that may scrape. */
    static boolean mayScrape(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.isUserInRole(WebSecurity.ADMIN_ROLE) || request.isUserInRole(WebSecurity.MONITOR_ROLE)) {
            return true;
        }
        if (request.getUserPrincipal() == null) {
            response.setHeader("WWW-Authenticate", WebSecurity.BASIC_CHALLENGE);
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "metrics need a user (" + PROTECTED_PROPERTY + ")");
        } else {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "metrics need the role " + WebSecurity.ADMIN_ROLE
                    + " or " + WebSecurity.MONITOR_ROLE);
        }
        return false;
    }
}
