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
public class StoredView extends PagedView<DeliveryOutcome> {

    @EJB
    private PushService push;

    public List<DeliveryOutcome> getMessages() {
        return rows();
    }

    @Override
    protected List<DeliveryOutcome> fetch(int offset, int limit) {
        return push.pendingMessages(offset, limit);
    }
}
