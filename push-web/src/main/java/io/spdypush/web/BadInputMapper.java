package io.spdypush.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Bad input (an invalid client id, say) is a 400 whose JSON says what is wrong, and which field when known. */
@Provider
public class BadInputMapper implements ExceptionMapper<IllegalArgumentException> {

    @Override
    public Response toResponse(IllegalArgumentException e) {
        String field = e instanceof BadParameterException bad ? bad.field() : null;
        return ErrorJson.response(Response.Status.BAD_REQUEST, e.getMessage(), field);
    }
}
