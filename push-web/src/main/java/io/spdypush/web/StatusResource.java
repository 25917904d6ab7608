package io.spdypush.web;

import io.spdypush.api.AdapterStatus;
import io.spdypush.ejb.PushService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /push/api/status}: what the adapter is doing, as JSON. */
@Path("status")
@Tag(name = "statistics", description = "What the adapter is doing")
@ApplicationScoped
public class StatusResource {

    @EJB
    private PushService push;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sessions, connections, message counts, delivery latency, bad input and memory pools")
    public AdapterStatus status() {
        return push.status();
    }
}
