package io.spdypush.it.micro;

import io.spdypush.it.Layout;
import io.spdypush.it.SecurityContract;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * Security and the REST API on the Micro pair; also Payara's OpenAPI document, checked here where
 * ours is the only application (Payara Server describes only the application deployed last).
 */
@ExtendWith(ArquillianExtension.class)
class MicroSecurityIT extends SecurityContract {

    @Deployment(testable = false)
    static WebArchive microWar() {
        return Layout.pushWar();
    }

    @Test
    void payaraDescribesTheApiAtOpenapiWithoutCredentials() throws Exception {
        HttpResponse<String> openapi = HttpClient.newHttpClient().send(HttpRequest.newBuilder(serverUri("/openapi"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(openapi.body(), openapi.statusCode(), is(200));
        assertThat(openapi.body(), containsString("/api/sessions/{clientId}:"));
        assertThat(openapi.body(), containsString("/api/clients/{clientId}/messages:"));
        assertThat(openapi.body(), containsString("Disconnect a client"));
        assertThat(openapi.body(), containsString("/api/clients/messages:"));
        assertThat(openapi.body(), containsString("/api/topics:"));
        assertThat(openapi.body(), containsString("/api/webhooks:"));
        assertThat(openapi.body(), containsString("/api/webhooks/{id}:"));
        assertThat(openapi.body(), containsString("Cancel a pending stored message"));
        assertThat(openapi.body(), containsString("scheme: basic"));
    }
}
