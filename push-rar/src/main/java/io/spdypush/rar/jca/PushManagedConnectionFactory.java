package io.spdypush.rar.jca;

import io.spdypush.api.AdapterSetting;
import io.spdypush.api.PushConnection;
import io.spdypush.api.PushConnectionFactory;
import io.spdypush.rar.spdy.ClientClaims;
import io.spdypush.rar.spdy.PushServer;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;

import javax.security.auth.Subject;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;

/**
 * Makes the server-pooled managed connections behind {@link PushConnectionFactory}. All of
 * them reach the same push server, so any pooled one matches any request.
 */
@ConnectionDefinition(
        connectionFactory = PushConnectionFactory.class,
        connectionFactoryImpl = AdapterConnectionFactory.class,
        connection = PushConnection.class,
        connectionImpl = PushConnectionHandle.class)
public class PushManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation {

    private transient PushResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;

    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) {
        return new AdapterConnectionFactory(this, connectionManager);
    }

    @Override
    public Object createConnectionFactory() throws ResourceException {
        throw new NotSupportedException("The push adapter runs only inside an application server");
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) {
        return new PushManagedConnection(this);
    }

    @Override
    public ManagedConnection matchManagedConnections(Set connections, Subject subject, ConnectionRequestInfo info) {
        for (Object candidate : connections) {
            if (candidate instanceof PushManagedConnection connection) {
                return connection;
            }
        }
        return null;
    }

    PushServer server() throws ResourceException {
        return adapter().server();
    }

    ClientClaims clientClaims() throws ResourceException {
        return adapter().clientClaims();
    }

    List<AdapterSetting> settings() throws ResourceException {
        return adapter().settings();
    }

    private PushResourceAdapter adapter() throws ResourceException {
        if (resourceAdapter == null) {
            throw new ResourceException("The connection factory is not associated with the push adapter");
        }
        return resourceAdapter;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) {
        this.resourceAdapter = (PushResourceAdapter) resourceAdapter;
    }

    @Override
    public void setLogWriter(PrintWriter logWriter) {
        this.logWriter = logWriter;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    /** No config properties of its own: every factory of the same adapter is the same. */
    @Override
    public boolean equals(Object other) {
        return other instanceof PushManagedConnectionFactory that && that.resourceAdapter == resourceAdapter;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(resourceAdapter);
    }
}
