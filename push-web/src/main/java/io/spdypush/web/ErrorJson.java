package io.spdypush.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The one shape of every REST error: {@code {"error": "what is wrong"}} with its status, and
 * {@code "field"} naming the parameter when one is to blame.
 */
public record ErrorJson(String error, String field) {

    static Response response(Response.Status status, String message) {
        return response(status, message, null);
    }

    static Response response(Response.Status status, String message, String field) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorJson(message, field)).build();
    }
}
