package io.spdypush.web.security;

/**
 * How callers of the pages and the REST API prove who they are: HTTP Basic, which scripts and
 * browsers both speak, checked by {@link BasicLogin}, which refuses guessing at full speed
 * ({@link LoginGuard}). Which paths need which role is in web.xml; the groups of the accounts are
 * mapped to roles of the same name in glassfish-web.xml, as Payara maps no group to a role by itself.
 */
public final class WebSecurity {

    private static final String REALM = "spdypush";
    /** The {@code WWW-Authenticate} value of every 401 that asks for a login. */
    public static final String BASIC_CHALLENGE = "Basic realm=\"" + REALM + "\"";
    /** May do everything: pages, REST API, metrics. */
    public static final String ADMIN_ROLE = "push-admin";
    /** May only scrape {@code /push/metrics} when it is protected: what a Prometheus configuration holds. */
    public static final String MONITOR_ROLE = "push-monitor";

    private WebSecurity() {
    }
}
