package io.spdypush.rar.jca;

import io.spdypush.api.AdapterSetting;
import io.spdypush.api.AdapterStatus;
import io.spdypush.api.Delivery;
import io.spdypush.api.PushConnection;
import io.spdypush.api.PushMessage;
import io.spdypush.api.SessionInfo;
import io.spdypush.api.TopicInfo;
import io.spdypush.rar.spdy.PushServer;
import jakarta.resource.ResourceException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the application holds: a handle on a pooled {@link PushManagedConnection}, which the
 * server may move between managed connections. Closed handles refuse further use.
 */
public class PushConnectionHandle implements PushConnection {

    private volatile PushManagedConnection managedConnection;

    PushConnectionHandle(PushManagedConnection managedConnection) {
        this.managedConnection = managedConnection;
    }

    @Override
    public List<Delivery> send(PushMessage message) {
        return server().send(message);
    }

    @Override
    public Delivery sendAgain(PushMessage message, long seq) {
        return server().sendAgain(message, seq);
    }

    @Override
    public String mintToken(String clientId, Duration validFor) {
        return server().mintToken(clientId, validFor);
    }

    @Override
    public AdapterStatus status() {
        return server().status();
    }

    @Override
    public List<AdapterSetting> settings() {
        return call(PushManagedConnection::settings);
    }

    @Override
    public List<SessionInfo> sessions(String clientIdPrefix, int offset, int limit) {
        return server().sessions(clientIdPrefix, offset, limit);
    }

    @Override
    public List<TopicInfo> topics(String namePrefix, int offset, int limit) {
        return server().topics(namePrefix, offset, limit);
    }

    @Override
    public Optional<SessionInfo> session(String clientId) {
        return server().session(clientId);
    }

    @Override
    public boolean disconnect(String clientId) {
        return server().disconnect(clientId);
    }

    @Override
    public boolean cancel(String clientId, String messageId) {
        return server().cancel(clientId, messageId);
    }

    @Override
    public void joinCluster() {
        call(connection -> {
            connection.server().joinCluster(connection.clientClaims());
            return null;
        });
    }

    @Override
    public void takeClient(String clientId, byte[] handedOff, long seqFloor) {
        server().takeClient(clientId, handedOff, seqFloor);
    }

    @Override
    public List<String> heldClients() {
        return server().heldClients();
    }

    @Override
    public boolean holdsClient(String clientId) {
        return server().holdsClient(clientId);
    }

    @Override
    public byte[] handOffClient(String clientId) {
        return server().handOffClient(clientId);
    }

    @Override
    public byte[] handOffClientForTakeover(String clientId) {
        return server().handOffClientForTakeover(clientId);
    }

    @Override
    public void close() {
        PushManagedConnection closing = managedConnection;
        managedConnection = null;
        if (closing != null) {
            closing.handleClosed(this);
        }
    }

    void moveTo(PushManagedConnection target) {
        PushManagedConnection previous = managedConnection;
        if (previous != null && previous != target) {
            previous.forget(this);
        }
        managedConnection = target;
    }

    void invalidate() {
        managedConnection = null;
    }

    private PushServer server() {
        return call(PushManagedConnection::server);
    }

    /** What the managed connection behind this handle answers; fails when the handle is closed. */
    private <T> T call(ManagedConnectionCall<T> call) {
        PushManagedConnection connection = managedConnection;
        if (connection == null) {
            throw new IllegalStateException("This push connection is closed");
        }
        try {
            return call.on(connection);
        } catch (ResourceException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface ManagedConnectionCall<T> {
        T on(PushManagedConnection connection) throws ResourceException;
    }
}
