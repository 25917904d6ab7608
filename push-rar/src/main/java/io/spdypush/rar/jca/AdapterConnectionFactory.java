package io.spdypush.rar.jca;

import io.spdypush.api.PushConnection;
import io.spdypush.api.PushConnectionFactory;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;

import javax.naming.Reference;

/** The connection factory bound in JNDI: asks the server's connection manager for a handle. */
public class AdapterConnectionFactory implements PushConnectionFactory {

    private final transient PushManagedConnectionFactory managedFactory;
    private final transient ConnectionManager connectionManager;
    private Reference reference;

    AdapterConnectionFactory(PushManagedConnectionFactory managedFactory, ConnectionManager connectionManager) {
        this.managedFactory = managedFactory;
        this.connectionManager = connectionManager;
    }

    @Override
    public PushConnection getConnection() throws ResourceException {
        return (PushConnection) connectionManager.allocateConnection(managedFactory, null);
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
