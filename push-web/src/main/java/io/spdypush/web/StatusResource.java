package io.spdypush.web;

import io.spdypush.api.AdapterStatus;
import io.spdypush.ejb.PushService;
import io.spdypush.web.pages.StatusHistory;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * {@code GET /push/api/status}: what the adapter is doing, as JSON; {@code GET /push/api/status/history}:
 * the samples of the last minutes that the dashboard draws.
 */
@Path("status")
@Tag(name = "statistics", description = "What the adapter is doing")
@ApplicationScoped
public class StatusResource {

    @EJB
    private PushService push;

    @EJB
    private StatusHistory history;

    /** The samples, oldest first, one every {@code intervalSeconds}. */
    public record HistoryJson(int intervalSeconds, List<StatusHistory.Sample> samples) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sessions, connections, message counts, delivery latency, bad input and memory pools")
    public AdapterStatus status() {
        return push.status();
    }

    @GET
    @Path("history")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The last ten minutes of sessions, rates, pending and latency, one sample every 2 s")
    public HistoryJson history() {
        return new HistoryJson(StatusHistory.INTERVAL_SECONDS, history.samples());
    }
}
