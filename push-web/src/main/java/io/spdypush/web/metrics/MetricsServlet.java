package io.spdypush.web.metrics;

import io.spdypush.ejb.PushService;
import io.spdypush.ejb.PushUnavailableException;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;

/**
 * {@code GET /push/metrics}: the adapter's status for Prometheus to scrape, as {@link PrometheusText}.
 * A servlet at the application's root, where Prometheus looks by convention, rather than a second
 * JAX-RS application: that one would take in every resource of the WAR unless both applications
 * listed their classes. Answers 404 when MicroProfile Config {@code spdypush.metrics.enabled} is
 * false, and 503 while the adapter cannot be reached, which Prometheus records as a failed scrape.
 */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {

    static final String ENABLED_PROPERTY = "spdypush.metrics.enabled";

    @Inject
    @ConfigProperty(name = ENABLED_PROPERTY, defaultValue = "true")
    boolean enabled;

    @EJB
    private PushService push;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!enabled) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "metrics are off (" + ENABLED_PROPERTY + ")");
            return;
        }
        String metrics;
        try {
            metrics = PrometheusText.of(push.status());
        } catch (PushUnavailableException e) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, e.getMessage());
            return;
        }
        response.setContentType(PrometheusText.CONTENT_TYPE);
        response.getWriter().write(metrics);
    }
}
