package io.spdypush.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.net.URI;
import java.util.Set;

/**
 * Refuses a state-changing REST call that a browser sends on behalf of another site. A browser
 * that has logged in to the pages with HTTP Basic sends the credentials along with any request to
 * this server, also with a form that another site posts here, and the send endpoints accept any
 * content type. Such requests carry the browser's {@code Sec-Fetch-Site} or {@code Origin}, which
 * a page cannot forge; scripts such as curl send neither and are not affected (OWASP's
 * "verifying origin with standard headers").
 */
@Provider
public class CrossSiteRequestFilter implements ContainerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public void filter(ContainerRequestContext request) {
        if (!SAFE_METHODS.contains(request.getMethod()) && isCrossSite(request.getHeaderString("Sec-Fetch-Site"),
                request.getHeaderString("Origin"), request.getHeaderString(HttpHeaders.HOST))) {
            request.abortWith(ErrorJson.response(Response.Status.FORBIDDEN,
                    "a browser sent this request for another site: refused (cross-site request forgery)"));
        }
    }

    /** Whether the headers show a browser sending the request for a page of another origin. */
    static boolean isCrossSite(String fetchSite, String origin, String host) {
        if (fetchSite != null) {
            return !fetchSite.equals("same-origin") && !fetchSite.equals("none");
        }
        if (origin == null) {
            return false;
        }
        try {
            String authority = URI.create(origin).getRawAuthority();
            return authority == null || !authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
