package io.spdypush.ejb.bundle;

import io.spdypush.api.BusinessRequest;
import io.spdypush.api.BusinessResponse;
import io.spdypush.api.PushListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

/**
 * Answers the business requests that no more specific bean of the application answers (its
 * prefix, {@code /}, is the shortest there is) from the {@link ResourceBundler}.
 */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "pathPrefix", propertyValue = "/"))
public class BundleRequests implements PushListener {

    @EJB
    private ResourceBundler bundler;

    @Override
    public BusinessResponse onRequest(BusinessRequest request) {
        return bundler.answer(request);
    }
}
