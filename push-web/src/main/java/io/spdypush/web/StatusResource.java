package io.spdypush.web;

import io.spdypush.api.AdapterStatus;
import io.spdypush.ejb.PushService;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /push/api/status}: what the adapter is doing, as JSON. */
@Path("status")
public class StatusResource {

    @EJB
    private PushService push;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public AdapterStatus status() {
        return push.status();
    }
}
