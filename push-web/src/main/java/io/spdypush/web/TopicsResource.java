package io.spdypush.web;

import io.spdypush.api.TopicInfo;
import io.spdypush.ejb.PushService;
import io.spdypush.protocol.TopicNames;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** {@code GET /push/api/topics}: the topics with subscribers online and how many, a page at a time. */
@Path("topics")
@Tag(name = "topics", description = "Topics with subscribers online")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class TopicsResource {

    @EJB
    private PushService push;

    /** One page of topics; {@code more} says whether another page follows. */
    public record TopicPageJson(int offset, int limit, String search, boolean more, List<TopicInfo> topics) {
    }

    @GET
    @Operation(summary = "The topics with subscribers online, ordered by name, a page at a time",
            description = "each with the number of sessions subscribed to it; search keeps the topics whose name"
                    + " starts with it")
    @APIResponse(responseCode = "200", description = "one page, and whether more follow")
    @APIResponse(responseCode = "400", description = "offset, limit or search is invalid, or another query parameter is"
            + " given; field names it")
    public TopicPageJson list(
            @Parameter(description = "how many matching topics to skip (default 0)") @QueryParam("offset")
            String offset,
            @Parameter(description = "page size, 1-" + Paging.MAX_LIMIT + " (default " + Paging.DEFAULT_LIMIT + ")")
            @QueryParam("limit") String limit,
            @Parameter(description = "a topic-name prefix") @QueryParam("search") String search, @Context UriInfo uri) {
        Paging paging = Paging.ofListing(uri, offset, limit);
        String prefix = BadParameterException.searchPrefix(search, TopicNames::isValid,
                "a topic name: 1-128 characters of A-Z a-z 0-9 . _ : @ / -");
        Paging.Page<TopicInfo> page = paging.fetch((from, size) -> push.topics(prefix, from, size));
        return new TopicPageJson(paging.offset(), paging.limit(), prefix, page.more(), page.items());
    }
}
