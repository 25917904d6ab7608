package io.spdypush.web;

import io.spdypush.web.security.WebSecurity;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API, under {@code /push/api}, for callers with the role push-admin (HTTP Basic).
 * Payara serves its OpenAPI description at {@code /openapi}. The resources hold no state of a
 * request, so each is application-scoped: one instance, injected once, rather than a new one with
 * its injections on every call of the send path.
 */
@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "spdypush", version = "1",
        description = "Send push messages, look up and disconnect sessions, mint client tokens, read statistics."
                + " Errors are {\"error\": \"...\", \"field\": \"...\"}, field naming a bad parameter."),
        security = @SecurityRequirement(name = RestApplication.BASIC))
@SecurityScheme(securitySchemeName = RestApplication.BASIC, type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "a user with the role " + WebSecurity.ADMIN_ROLE)
public class RestApplication extends Application {

    static final String BASIC = "basic";
}
