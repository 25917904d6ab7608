package io.spdypush.rar.jca;

import io.spdypush.api.Acknowledgement;
import io.spdypush.api.AdapterSetting;
import io.spdypush.api.BusinessRequest;
import io.spdypush.api.BusinessResponse;
import io.spdypush.api.PushConnection;
import io.spdypush.api.PushListener;
import io.spdypush.api.PushMessage;
import io.spdypush.api.SessionInfo;
import io.spdypush.api.Subresource;
import io.spdypush.client.PushClient;
import io.spdypush.client.PushSession;
import io.spdypush.client.PushedResource;
import io.spdypush.client.ReceivedMessage;
import io.spdypush.client.Response;
import io.spdypush.protocol.Tokens;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ManagedConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The JCA inbound contract without a container, as Artemis tests its adapter: the adapter is
 * started with a BootstrapContext of the test's own, beans are activated through endpoint
 * factories, and a real client talks to it over a loopback socket.
 */
class InboundContractTest {

    private static final int WAIT_SECONDS = 5;
    private static final String SECRET = "inbound-secret-of-at-least-32-bytes";

    @TempDir
    Path dataDirectory;
    private final TestBootstrapContext bootstrap = new TestBootstrapContext();
    private final PushResourceAdapter adapter = new PushResourceAdapter();
    private final BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
    private PushClient client;

    @BeforeEach
    void start() throws Exception {
        adapter.setSpdyPort(0);
        adapter.setBindAddress("127.0.0.1");
        adapter.setTokenSecret(SECRET);
        adapter.setDataDirectory(dataDirectory.toString());
        adapter.setRequestTimeoutSeconds(1);
        adapter.setShutdownGraceSeconds(1);
        adapter.start(bootstrap);
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        adapter.stop();
        bootstrap.close();
    }

    @Test
    void anActivatedBeanAnswersRequestsUnderItsPrefixWithSubresources() throws Exception {
        TestEndpointFactory pages = new TestEndpointFactory("pages", new PushListener() {
            @Override
            public BusinessResponse onRequest(BusinessRequest request) {
                return BusinessResponse.ok("text/html", "<p>" + request.path() + "</p>")
                        .withSubresource(Subresource.pushed("/pages/a.css", "text/css", "p{}"));
            }
        });
        adapter.endpointActivation(pages, spec("/pages"));

        Response response = connect("device-1").request("/pages/home").get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(response.status(), is(200));
        assertThat(response.text(), is("<p>/pages/home</p>"));
        assertThat(response.subresources().stream().map(PushedResource::text).toList(), contains("p{}"));
        assertThat("every endpoint is released", pages.released(), is(pages.created()));
    }

    @Test
    void severalBeansShareThePathsAndABeanWithoutPrefixHearsOnlyEvents() throws Exception {
        BlockingQueue<Object> heard = new LinkedBlockingQueue<>();
        TestEndpointFactory orders = new TestEndpointFactory("orders", answering("orders"));
        adapter.endpointActivation(orders, spec("/orders"));
        adapter.endpointActivation(new TestEndpointFactory("users", answering("users")), spec("/users"));
        adapter.endpointActivation(new TestEndpointFactory("audit", new PushListener() {
            @Override
            public void onSessionOpened(SessionInfo session) {
                heard.add("opened " + session.clientId());
            }

            @Override
            public void onAcknowledged(Acknowledgement acknowledgement) {
                heard.add(acknowledgement);
            }
        }), spec(""));

        PushSession session = connect("device-2");
        assertThat(session.request("/orders/1").get(WAIT_SECONDS, TimeUnit.SECONDS).text(), is("orders"));
        assertThat(session.request("/users/1").get(WAIT_SECONDS, TimeUnit.SECONDS).text(), is("users"));
        assertThat(session.request("/audit").get(WAIT_SECONDS, TimeUnit.SECONDS).status(), is(404));
        assertThat(heard.poll(WAIT_SECONDS, TimeUnit.SECONDS), is("opened device-2"));

        long seq = send("device-2", "m-1");
        assertThat("received before it is acknowledged", received.poll(WAIT_SECONDS, TimeUnit.SECONDS).seq(), is(seq));
        client.ack(seq).get(WAIT_SECONDS, TimeUnit.SECONDS);
        Acknowledgement acknowledgement = (Acknowledgement) heard.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(acknowledgement.messageIds(), contains("m-1"));

        // Deactivation returns once the events queued for the bean reached it: none did, it overrides none.
        adapter.endpointDeactivation(orders, spec("/orders"));
        assertThat("one endpoint, for its request; none for the session's events", orders.created(), is(1));
    }

    @Test
    void aBeanThatThrowsGets500AndOneThatHangsGets503AndDeactivationDoesNotWaitForever() throws Exception {
        CountDownLatch hanging = new CountDownLatch(1);
        TestEndpointFactory slow = new TestEndpointFactory("slow", new PushListener() {
            @Override
            public BusinessResponse onRequest(BusinessRequest request) {
                if (request.path().startsWith("/slow/fail")) {
                    throw new IllegalStateException("the bean fails");
                }
                try {
                    hanging.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return BusinessResponse.ok("text/plain", "late");
            }
        });
        adapter.endpointActivation(slow, spec("/slow"));
        PushSession session = connect("device-3");

        assertThat(session.request("/slow/fail").get(WAIT_SECONDS, TimeUnit.SECONDS).status(), is(500));
        Response timedOut = session.request("/slow/hang").get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat("answered while the bean still hangs: it does not hold the event loop", timedOut.status(), is(503));
        assertThat(timedOut.headers().get("retry-after"), is("1"));

        long started = System.nanoTime();
        adapter.endpointDeactivation(slow, spec("/slow"));
        assertThat("bounded by shutdownGraceSeconds",
                Duration.ofNanos(System.nanoTime() - started).toMillis(), lessThan(3000L));
        hanging.countDown();
        assertThat(session.request("/slow/again").get(WAIT_SECONDS, TimeUnit.SECONDS).status(), is(404));
    }

    @Test
    void eventsQueuedForABeanReachItBeforeItsDeactivationReturns() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        TestEndpointFactory slowListener = new TestEndpointFactory("ledger", new PushListener() {
            @Override
            public void onAcknowledged(Acknowledgement acknowledgement) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                heard.addAll(acknowledgement.messageIds());
            }
        });
        adapter.endpointActivation(slowListener, spec(""));
        connect("device-4");
        for (int i = 0; i < 10; i++) {
            long seq = send("device-4", "m-" + i);
            received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            client.ack(seq).get(WAIT_SECONDS, TimeUnit.SECONDS);
        }

        adapter.endpointDeactivation(slowListener, spec(""));

        assertThat("every acknowledgement the server took reached the bean",
                heard, is(IntStream.range(0, 10).mapToObj(i -> "m-" + i).toList()));
    }

    @Test
    void anApplicationsConnectionTellsTheSettingsTheAdapterRunsWith() throws Exception {
        PushManagedConnectionFactory factory = new PushManagedConnectionFactory();
        factory.setResourceAdapter(adapter);
        ManagedConnection managed = factory.createManagedConnection(null, null);
        try (PushConnection connection = (PushConnection) managed.getConnection(null, null)) {
            List<AdapterSetting> settings = connection.settings();
            assertThat(settings, hasItems(new AdapterSetting("dataDirectory", dataDirectory.toString(),
                            "resource adapter config property"),
                    new AdapterSetting("tokenSecret", AdapterSetting.HIDDEN, "resource adapter config property")));
            assertThat(settings.toString(), not(containsString(SECRET)));
        } finally {
            managed.destroy();
        }
    }

    @Test
    void aPathPrefixThatIsNotAPathIsRefusedAtActivation() {
        assertThrows(InvalidPropertyException.class,
                () -> adapter.endpointActivation(new TestEndpointFactory("bad", answering("x")), spec("orders")));
    }

    private static PushListener answering(String text) {
        return new PushListener() {
            @Override
            public BusinessResponse onRequest(BusinessRequest request) {
                return BusinessResponse.ok("text/plain", text);
            }
        };
    }

    private static PushActivationSpec spec(String pathPrefix) {
        PushActivationSpec spec = new PushActivationSpec();
        spec.setPathPrefix(pathPrefix);
        return spec;
    }

    private long send(String clientId, String messageId) throws Exception {
        return adapter.server().send(PushMessage.to(clientId).id(messageId).text("hello")).get(0).seq();
    }

    private PushSession connect(String clientId) throws Exception {
        client = PushClient.builder().server("127.0.0.1", adapter.server().port()).clientId(clientId)
                .token(Tokens.mint(SECRET, clientId, Instant.now().plusSeconds(60).getEpochSecond()))
                .autoAck(false).listener(received::add).build();
        return client.connect().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
