package io.spdypush.web;

import io.spdypush.api.AdapterStatus;
import io.spdypush.ejb.ClusterStatus;
import io.spdypush.ejb.PushService;
import io.spdypush.web.pages.StatusHistory;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.StringReader;
import java.util.List;

/**
 * {@code GET /push/api/status}: what the adapter is doing, as JSON; {@code GET /push/api/status/history}:
 * the samples of the last minutes that the dashboard draws.
 */
@Path("status")
@Tag(name = "statistics", description = "What the adapter is doing")
@ApplicationScoped
public class StatusResource {

    /** Thread-safe, and costly to make: one for every request. */
    private static final Jsonb JSONB = JsonbBuilder.create();

    @EJB
    private PushService push;

    @EJB
    private StatusHistory history;

    /** The samples, oldest first, one every {@code intervalSeconds}. */
    public record HistoryJson(int intervalSeconds, List<StatusHistory.Sample> samples) {
    }

    /**
     * This server's adapter; on a node of a cluster also {@code cluster}: the nodes with their sessions, and the
     * totals ({@link ClusterStatus}).
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sessions, connections, message counts, delivery latency, bad input and memory pools",
            description = "of this server; on a node of a cluster also cluster: every node with its sessions, and"
                    + " the totals")
    @APIResponse(responseCode = "200", description = "the status",
            content = @Content(schema = @Schema(implementation = AdapterStatus.class)))
    public JsonObject status() {
        JsonObjectBuilder status = Json.createObjectBuilder(asJson(push.status()));
        push.clusterStatus().ifPresent(cluster -> status.add("cluster", asJson(cluster)));
        return status.build();
    }

    private static JsonObject asJson(Object value) {
        try (JsonReader reader = Json.createReader(new StringReader(JSONB.toJson(value)))) {
            return reader.readObject();
        }
    }

    @GET
    @Path("history")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The last ten minutes of sessions, rates, pending and latency, one sample every 2 s")
    public HistoryJson history() {
        return new HistoryJson(StatusHistory.INTERVAL_SECONDS, history.samples());
    }
}
