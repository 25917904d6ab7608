package io.spdypush.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** The one shape of every REST error: {@code {"error": "what is wrong"}} with its status. */
final class ErrorJson {

    private ErrorJson() {
    }

    static Response response(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
