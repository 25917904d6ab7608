package io.spdypush.web;

import io.spdypush.ejb.PushUnavailableException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The adapter cannot be reached: 503 with the reason. */
@Provider
public class UnavailableMapper implements ExceptionMapper<PushUnavailableException> {

    @Override
    public Response toResponse(PushUnavailableException e) {
        return ErrorJson.response(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }
}
