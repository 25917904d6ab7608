package io.spdypush.web.pages;

import io.spdypush.api.AdapterSetting;
import io.spdypush.ejb.PushService;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Duration;

/**
 * Backs the live demo page: a browser push client (push-client-js, docs/PROTOCOL.md §10) of the logged-in admin's own
 * demo client id, with a token minted for it on each visit, aimed at the push port of the host the page came from.
 */
@Named
@RequestScoped
public class DemoView {

    /** Long enough for a visit; each reload mints a new one. */
    static final Duration TOKEN_VALIDITY = Duration.ofHours(1);

    @EJB
    private PushService push;

    private String clientId;
    private String token;
    private String pushUrl;
    private String pageOrigin;

    @PostConstruct
    void mint() {
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext()
                .getRequest();
        clientId = demoClientId(request.getRemoteUser());
        token = push.mintToken(clientId, TOKEN_VALIDITY);
        String scheme = push.adapterSettings().stream()
                .anyMatch(setting -> setting.name().equals("tlsKeyStore") && !setting.value().isBlank()
                        && !setting.value().equals(AdapterSetting.HIDDEN)) ? "https" : "http";
        pushUrl = scheme + "://" + request.getServerName() + ":" + push.status().spdyPort();
        int port = request.getServerPort();
        pageOrigin = request.getScheme() + "://" + request.getServerName()
                + (port == 80 && request.getScheme().equals("http") || port == 443 ? "" : ":" + port);
    }

    /** {@code demo-} and the user's name, with what a client id cannot hold replaced by {@code -}. */
    static String demoClientId(String user) {
        String name = user == null || user.isEmpty() ? "anonymous" : user;
        String id = "demo-" + name.replaceAll("[^A-Za-z0-9._:@-]", "-");
        return id.length() <= 128 ? id : id.substring(0, 128);
    }

    public String getClientId() {
        return clientId;
    }

    public String getToken() {
        return token;
    }

    public String getPushUrl() {
        return pushUrl;
    }

    /** This page's origin, which allowedOrigins must name for the browser to let the page reach the push port. */
    public String getPageOrigin() {
        return pageOrigin;
    }
}
