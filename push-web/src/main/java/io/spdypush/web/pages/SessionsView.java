package io.spdypush.web.pages;

import io.spdypush.api.ClientIds;
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
public class SessionsView {

    static final int PAGE_SIZE = 50;

    @EJB
    private PushService push;

    private String search = "";
    private int page;
    private List<SessionInfo> sessions;
    private boolean more;

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search == null ? "" : search.strip();
    }

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = Math.max(0, page);
    }

    public List<SessionInfo> getSessions() {
        load();
        return sessions;
    }

    public boolean isMore() {
        load();
        return more;
    }

    public int getFirst() {
        return page * PAGE_SIZE + 1;
    }

    private void load() {
        if (sessions != null) {
            return;
        }
        if (!search.isEmpty() && !ClientIds.isValid(search)) {
            Pages.error("Search for the start of a client id: 1-128 characters of A-Z a-z 0-9 . _ : @ -");
            sessions = List.of();
            return;
        }
        List<SessionInfo> found = push.sessions(search, page * PAGE_SIZE, PAGE_SIZE + 1);
        more = found.size() > PAGE_SIZE;
        sessions = more ? found.subList(0, PAGE_SIZE) : found;
    }
}
