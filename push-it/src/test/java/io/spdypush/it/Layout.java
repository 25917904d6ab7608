package io.spdypush.it;

import io.spdypush.client.PushClient;
import io.spdypush.protocol.Tokens;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * What the tests know of the deployed layout: its archives as the build made them, its adapter's
 * SPDY port and token secret, and the passwords of the admin and monitor users whose hashes every
 * test server is given (see pom.xml).
 */
public final class Layout {

    private Layout() {
    }

    /** The Micro layout's WAR (beside push-rar.rar, which the container is started with). */
    public static WebArchive pushWar() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, deployment("push.war"));
    }

    /** The Payara Server layout's EAR. */
    public static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, deployment("spdypush.ear"));
    }

    private static File deployment(String name) {
        return new File(System.getProperty("deployments.dir"), name);
    }

    public static int spdyPort() {
        return Integer.getInteger("it.spdyPort");
    }

    /** A client of the layout's adapter with a token minted from the configured secret. */
    public static PushClient.Builder clientWithToken(String clientId) {
        long expiry = Instant.now().plusSeconds(300).getEpochSecond();
        return PushClient.builder()
                .server("127.0.0.1", spdyPort())
                .clientId(clientId)
                .token(Tokens.mint(System.getProperty("it.tokenSecret"), clientId, expiry));
    }

    /** The {@code Authorization} header of the admin user (role push-admin). */
    public static String admin() {
        return basic("admin", System.getProperty("it.adminPassword"));
    }

    /** The {@code Authorization} header of the monitor user (role push-monitor: metrics only). */
    public static String monitor() {
        return basic("monitor", System.getProperty("it.monitorPassword"));
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
