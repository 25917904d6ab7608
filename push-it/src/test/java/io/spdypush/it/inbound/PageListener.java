package io.spdypush.it.inbound;

import io.spdypush.api.BusinessRequest;
import io.spdypush.api.BusinessResponse;
import io.spdypush.api.PushListener;
import io.spdypush.api.Subresource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/**
 * A message-driven bean of a test application: it answers the business requests under /it with
 * a page and two pushed sub-resources, and fails on /it/fail. It names the adapter in an
 * activation property, which Payara honours, so the product's own glassfish-ejb-jar.xml stays.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "push-rar"),
        @ActivationConfigProperty(propertyName = "pathPrefix", propertyValue = "/it")})
public class PageListener implements PushListener {

    @Override
    public BusinessResponse onRequest(BusinessRequest request) {
        if (request.path().equals("/it/fail")) {
            throw new IllegalStateException("the test bean fails on purpose");
        }
        return BusinessResponse.ok("text/html", "<html>" + request.method() + " " + request.path() + " for "
                        + request.clientId() + " " + request.text() + "</html>")
                .withSubresource(Subresource.pushed("/it/style.css", "text/css", "body{}"))
                .withSubresource(Subresource.pushed("/it/app.js", "text/javascript", "go()"));
    }
}
