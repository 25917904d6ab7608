package io.spdypush.web.pages;

import io.spdypush.ejb.DeliveryOutcome;
import io.spdypush.ejb.PushService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import java.util.List;

/** Backs the stored messages page: one page of the at-least-once messages still pending, oldest first. */
@Named
@RequestScoped
public class StoredView {

    static final int PAGE_SIZE = 50;

    @EJB
    private PushService push;

    private int page;
    private List<DeliveryOutcome> messages;
    private boolean more;

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = Math.max(0, page);
    }

    public int getFirst() {
        return page * PAGE_SIZE + 1;
    }

    public List<DeliveryOutcome> getMessages() {
        load();
        return messages;
    }

    public boolean isMore() {
        load();
        return more;
    }

    private void load() {
        if (messages == null) {
            List<DeliveryOutcome> found = push.pendingMessages(page * PAGE_SIZE, PAGE_SIZE + 1);
            more = found.size() > PAGE_SIZE;
            messages = more ? found.subList(0, PAGE_SIZE) : found;
        }
    }
}
