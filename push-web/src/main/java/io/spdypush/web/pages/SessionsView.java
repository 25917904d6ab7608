package io.spdypush.web.pages;

import io.spdypush.protocol.ClientIds;
import io.spdypush.api.SessionInfo;
import io.spdypush.ejb.PushService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import java.util.List;

/**
 * Backs the sessions page: one page of the sessions online whose client id starts with the
 * search, found by the adapter, so that 100 000 sessions cost no more than fifty.
 */
@Named
@RequestScoped
public class SessionsView extends SearchedPagedView<SessionInfo> {

    @EJB
    private PushService push;

    public List<SessionInfo> getSessions() {
        return rows();
    }

    @Override
    protected List<SessionInfo> fetch(int offset, int limit) {
        String search = getSearch();
        if (!search.isEmpty() && !ClientIds.isValid(search)) {
            Pages.error("Search for the start of a client id: 1-128 characters of A-Z a-z 0-9 . _ : @ -");
            return List.of();
        }
        return push.sessions(search, offset, limit);
    }
}
