package io.spdypush.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Every REST body is read into memory, so none may be larger than {@code spdypush.rest.maxBodyBytes} (MicroProfile
 * Config, default 16 MiB: a batch of many messages, or one of the adapter's largest payloads, base64-encoded): a
 * {@code Content-Length} over it is refused before anything is read, and a body without one (chunked) as soon as it
 * goes over. Both are a 413 whose JSON names the limit.
 */
@Provider
public class RequestBodyLimit implements ContainerRequestFilter, ReaderInterceptor {

    static final String PROPERTY = "spdypush.rest.maxBodyBytes";

    @Inject
    @ConfigProperty(name = PROPERTY, defaultValue = "16777216")
    long maxBodyBytes;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBodyBytes) {
            throw tooLarge();
        }
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new Bounded(context.getInputStream()));
        return context.proceed();
    }

    private WebApplicationException tooLarge() {
        return new WebApplicationException(ErrorJson.response(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "the body is larger than " + maxBodyBytes + " bytes (" + PROPERTY + ")"));
    }

    /** The body, failing once more than the limit has come. */
    private final class Bounded extends FilterInputStream {

        private long read;

        Bounded(InputStream body) {
            super(body);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            counted(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            counted(Math.max(0, n));
            return n;
        }

        private void counted(int bytes) {
            read += bytes;
            if (read > maxBodyBytes) {
                throw tooLarge();
            }
        }
    }
}
