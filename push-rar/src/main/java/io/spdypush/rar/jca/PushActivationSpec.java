package io.spdypush.rar.jca;

import io.spdypush.api.PushListener;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

import java.io.Serializable;

/**
 * How a message-driven bean implementing {@link PushListener} is activated: the business
 * requests whose path starts with {@code pathPrefix} (whole segments, the longest prefix of all
 * active beans wins) are delivered to it; without one it hears only the events.
 */
@Activation(messageListeners = PushListener.class)
public class PushActivationSpec implements ActivationSpec, Serializable {

    @ConfigProperty(defaultValue = "", description = "Business request paths this bean answers, e.g. /orders;"
            + " none when empty (events only)")
    private String pathPrefix = "";

    @ConfigProperty(defaultValue = "false", description = "Whether this bean makes the node a client's home in a"
            + " cluster before the client's session opens here (PushListener.claimClients); one bean at most")
    private Boolean clientClaims = false;

    private transient ResourceAdapter resourceAdapter;

    @Override
    public void validate() throws InvalidPropertyException {
        if (answersRequests() && !pathPrefix.startsWith("/")) {
            throw new InvalidPropertyException("pathPrefix \"" + pathPrefix
                    + "\" must start with / (activation config property pathPrefix of the PushListener bean)");
        }
    }

    /** Whether the bean answers business requests, or only hears events. */
    boolean answersRequests() {
        return pathPrefix != null && !pathPrefix.isEmpty();
    }

    /** Whether the bean claims clients for this node of a cluster. */
    boolean claimsClients() {
        return Boolean.TRUE.equals(clientClaims);
    }

    public Boolean getClientClaims() {
        return clientClaims;
    }

    public void setClientClaims(Boolean clientClaims) {
        this.clientClaims = clientClaims;
    }

    public String getPathPrefix() {
        return pathPrefix;
    }

    public void setPathPrefix(String pathPrefix) {
        this.pathPrefix = pathPrefix;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) {
        this.resourceAdapter = resourceAdapter;
    }
}
