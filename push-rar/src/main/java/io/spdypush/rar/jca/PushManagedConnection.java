package io.spdypush.rar.jca;

import io.spdypush.api.AdapterSetting;
import io.spdypush.rar.spdy.ClientClaims;
import io.spdypush.rar.spdy.PushServer;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;

import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A pooled connection to the push server. It holds no socket of its own (the server's
 * sessions are shared), only the application handles given out on it.
 */
public class PushManagedConnection implements ManagedConnection {

    private final PushManagedConnectionFactory factory;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<PushConnectionHandle> handles = ConcurrentHashMap.newKeySet();
    private PrintWriter logWriter;

    PushManagedConnection(PushManagedConnectionFactory factory) {
        this.factory = factory;
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) {
        PushConnectionHandle handle = new PushConnectionHandle(this);
        handles.add(handle);
        return handle;
    }

    PushServer server() throws ResourceException {
        return factory.server();
    }

    ClientClaims clientClaims() throws ResourceException {
        return factory.clientClaims();
    }

    List<AdapterSetting> settings() throws ResourceException {
        return factory.settings();
    }

    /** Called by a handle that the application closed: the pool may take this connection back. */
    void handleClosed(PushConnectionHandle handle) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        listeners.forEach(listener -> listener.connectionClosed(event));
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof PushConnectionHandle handle)) {
            throw new ResourceException("Not a push connection handle: " + connection);
        }
        handle.moveTo(this);
        handles.add(handle);
    }

    void forget(PushConnectionHandle handle) {
        handles.remove(handle);
    }

    @Override
    public void cleanup() {
        handles.forEach(PushConnectionHandle::invalidate);
        handles.clear();
    }

    @Override
    public void destroy() {
        cleanup();
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("Pushes are not transactional at the adapter (NoTransaction)");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("Pushes are not transactional at the adapter (NoTransaction)");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return "spdypush";
            }

            @Override
            public String getEISProductVersion() {
                return "0.1";
            }

            @Override
            public int getMaxConnections() {
                return 0;
            }

            @Override
            public String getUserName() {
                return "";
            }
        };
    }

    @Override
    public void setLogWriter(PrintWriter logWriter) {
        this.logWriter = logWriter;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }
}
