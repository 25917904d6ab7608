package io.spdypush.web;

import io.spdypush.api.AdapterStatus;
import io.spdypush.ejb.PushService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/** Backs the front page: the adapter's status, read once per request. */
@Named("statusView")
@RequestScoped
public class StatusView {

    @EJB
    private PushService push;

    private AdapterStatus status;

    public AdapterStatus getStatus() {
        if (status == null) {
            status = push.status();
        }
        return status;
    }
}
