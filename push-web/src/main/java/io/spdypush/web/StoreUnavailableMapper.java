package io.spdypush.web;

import io.spdypush.ejb.StoreUnavailableException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The message store cannot take the message now: 503 with the reason and when to try again. */
@Provider
public class StoreUnavailableMapper implements ExceptionMapper<StoreUnavailableException> {

    /** About how long a database fail-over or a pool's reconnection takes. */
    static final int RETRY_AFTER_SECONDS = 5;

    @Override
    public Response toResponse(StoreUnavailableException e) {
        return Response.fromResponse(ErrorJson.response(Response.Status.SERVICE_UNAVAILABLE, e.getMessage()))
                .header("Retry-After", RETRY_AFTER_SECONDS).build();
    }
}
