package io.spdypush.web.pages;

import io.spdypush.protocol.ClientIds;
import io.spdypush.api.SessionInfo;
import io.spdypush.ejb.DeliveryOutcome;
import io.spdypush.ejb.PushService;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/** Backs a session's page: the session, its client's latest stored messages, and disconnecting it. */
@Named
@ViewScoped
public class SessionView implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int LATEST_MESSAGES = 20;

    @EJB
    private PushService push;

    private String client;
    /** The session as last read, so that a page asks the adapter once; null: not read yet. */
    private transient Optional<SessionInfo> session;

    public String getClient() {
        return client;
    }

    public void setClient(String client) {
        this.client = client;
    }

    public boolean isValidClient() {
        return client != null && ClientIds.isValid(client);
    }

    public SessionInfo getSession() {
        if (session == null) {
            session = isValidClient() ? push.session(client) : Optional.empty();
        }
        return session.orElse(null);
    }

    public List<DeliveryOutcome> getLatestMessages() {
        return isValidClient() ? push.latestMessages(client, LATEST_MESSAGES) : List.of();
    }

    /** Ends the session with GOAWAY; its messages stay in the outbox, and the client may connect again. */
    public void disconnect() {
        // The session ends a moment later (GOAWAY, then the close): the page shows it gone already.
        session = Optional.empty();
        if (isValidClient() && push.disconnect(client)) {
            Pages.info("Disconnected " + client + ": its messages stay in its outbox until it connects again.");
        } else {
            Pages.error(Optional.ofNullable(client).orElse("This client") + " is not online.");
        }
    }
}
