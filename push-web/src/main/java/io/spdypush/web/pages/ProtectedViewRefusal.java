package io.spdypush.web.pages;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.RequestDispatcher;

import java.util.Map;

/**
 * Backs the page shown, with 403, instead of a page that changes something (faces-config.xml, protected-views) opened
 * from a bookmark, a reload or another site: such a page opens only through a link of these pages, which carries a
 * token of the session. This page offers that link, to the page that was asked for, so the admin clicks once more
 * and another site still cannot open it in the admin's browser.
 */
@Named
@RequestScoped
public class ProtectedViewRefusal {

    /** The protected views and the names this page gives them. */
    private static final Map<String, String> TITLES = Map.of(
            "/send", "Send a message", "/session", "Session", "/tokens", "Client tokens");

    private final String outcome;

    public ProtectedViewRefusal() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        external.setResponseStatus(403);
        Object asked = external.getRequestMap().get(RequestDispatcher.ERROR_REQUEST_URI);
        String view = asked == null ? "" : asked.toString()
                .substring(external.getRequestContextPath().length()).replaceFirst("\\.xhtml$", "");
        outcome = TITLES.containsKey(view) ? view : "/index";
    }

    /** The page asked for, as an outcome of {@code h:link}. */
    public String getOutcome() {
        return outcome;
    }

    /** Its title, for the link. */
    public String getTitle() {
        return TITLES.getOrDefault(outcome, "Dashboard");
    }
}
