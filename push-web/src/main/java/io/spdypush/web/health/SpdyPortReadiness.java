package io.spdypush.web.health;

import io.spdypush.api.AdapterStatus;
import io.spdypush.ejb.PushService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Ready: the SPDY port is bound and accepts a connection, tried for real from inside the server. */
@Readiness
@ApplicationScoped
public class SpdyPortReadiness implements HealthCheck {

    private static final String NAME = "spdy-port";
    private static final int CONNECT_TIMEOUT_MILLIS = 1000;

    @EJB
    private PushService push;

    @Override
    public HealthCheckResponse call() {
        String address = "?";
        try {
            AdapterStatus status = push.status();
            // A listener on every interface is reached on loopback.
            String host = status.bindAddress().equals("0.0.0.0") || status.bindAddress().equals("::")
                    ? "127.0.0.1" : status.bindAddress();
            address = host + ":" + status.spdyPort();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, status.spdyPort()), CONNECT_TIMEOUT_MILLIS);
            }
            return HealthCheckResponse.named(NAME).up().withData("address", address).build();
        } catch (IOException | RuntimeException e) {
            return HealthCheckResponse.named(NAME).down().withData("address", address)
                    .withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
