package io.spdypush.web.pages;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.RequestDispatcher;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a page that changes something (faces-config.xml, protected-views) does when it is opened without the token
 * of a link of these pages: Faces refuses it (ProtectedViewException). Opened by the admin, from a bookmark, a reload
 * or the address bar, this sends the browser to the same page, freshly opened with a token, with a one-line notice.
 * Opened for another site (its {@code Sec-Fetch-Site}), it shows a link to it instead, which the admin must click:
 * another site cannot open it in the admin's browser, and the pages cannot be framed (FramingRefusal).
 */
@Named
@RequestScoped
public class ProtectedViewRefusal {

    /** What a browser sends when the admin opened the page, or a page of this server linked to it. */
    private static final Set<String> OPENED_HERE = Set.of("none", "same-origin");
    static final String NOTICE = "Opened afresh: this page changes things, so it opens only from the links of these"
            + " pages, not from a bookmark, a reload or another site.";

    private String view;
    private Map<String, List<String>> parameters;

    @PostConstruct
    void readRequest() {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        Object asked = external.getRequestMap().get(RequestDispatcher.ERROR_REQUEST_URI);
        view = asked == null ? "" : asked.toString().substring(external.getRequestContextPath().length());
        // Only the protected views of faces-config.xml: this page sends nobody anywhere else.
        if (!faces.getApplication().getViewHandler().getProtectedViewsUnmodifiable().contains(view)) {
            view = "/index.xhtml";
        }
        String client = external.getRequestParameterMap().get("client");
        parameters = client == null ? Map.of() : Map.of("client", List.of(client));
    }

    /** Redirects to the page asked for, with its token, unless another site asked for it. */
    public void reopen() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        String fetchSite = external.getRequestHeaderMap().get("Sec-Fetch-Site");
        if (fetchSite != null && !OPENED_HERE.contains(fetchSite)) {
            external.setResponseStatus(403);
            return;
        }
        external.getFlash().setKeepMessages(true);
        Pages.info(NOTICE);
        external.redirect(getUrl());
        faces.responseComplete();
    }

    /** The page asked for, with the token of this session: what a link of these pages opens. */
    public String getUrl() {
        FacesContext faces = FacesContext.getCurrentInstance();
        return faces.getApplication().getViewHandler().getBookmarkableURL(faces, view, parameters, false);
    }
}
