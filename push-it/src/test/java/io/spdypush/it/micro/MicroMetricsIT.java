package io.spdypush.it.micro;

import io.spdypush.client.PushClient;
import io.spdypush.client.ReceivedMessage;
import io.spdypush.it.Layout;
import io.spdypush.it.PushRoundTripContract;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * {@code GET /push/metrics} on the Payara Micro layout: after a real client received and
 * acknowledged a message pushed through REST, a Prometheus scrape counts the acknowledgement and
 * its delivery latency, in the text format. Other tests share the server, so counts are at least.
 */
@ExtendWith(ArquillianExtension.class)
class MicroMetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** A sample line: a name, optional labels, one value. */
    private static final String SAMPLE = "spdypush_[a-z_]+(\\{[a-z]+=\"[^\"]*\"})? [0-9.+Inf]+";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();

    @ArquillianResource
    private URL webBase;

    @Deployment(testable = false)
    static WebArchive microWar() {
        return Layout.pushWar();
    }

    @Test
    void aScrapeCountsTheAcknowledgedMessageAndItsDeliveryLatency() throws Exception {
        String clientId = "it-metrics-" + UUID.randomUUID();
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        try (PushClient client = Layout.clientWithToken(clientId).autoAck(false).listener(received::add).build()) {
            client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            HttpResponse<String> pushed = http.send(
                    HttpRequest.newBuilder(uri("api/clients/" + clientId + "/messages")).timeout(WAIT)
                            .header("Content-Type", "text/plain; charset=utf-8").header("Authorization", Layout.admin())
                            .POST(HttpRequest.BodyPublishers.ofString("measured")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(pushed.body(), pushed.statusCode(), is(202));
            long seq = PushRoundTripContract.seqOf(pushed.body());
            ReceivedMessage message = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat("the pushed message arrives", message, notNullValue());
            // The adapter counts the acknowledgement before it answers it.
            assertThat(client.ack(message.seq()).get(WAIT.toSeconds(), TimeUnit.SECONDS), is(seq));
        }

        HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(uri("metrics")).timeout(WAIT).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(scrape.body(), scrape.statusCode(), is(200));
        String contentType = scrape.headers().firstValue("Content-Type").orElse("");
        assertThat(contentType, startsWith("text/plain"));
        assertThat(contentType, containsString("version=0.0.4"));
        String metrics = scrape.body();
        assertThat(metrics.lines().toList(), everyItem(matchesPattern("# (HELP|TYPE) spdypush_.*|" + SAMPLE)));
        assertThat(metrics, containsString("# TYPE spdypush_messages_acknowledged_total counter\n"));
        assertThat(metrics, containsString("# TYPE spdypush_delivery_latency_seconds histogram\n"));
        assertThat(metrics, containsString("spdypush_delivery_latency_seconds_bucket{le=\"+Inf\"} "));
        assertThat(metrics, containsString("spdypush_memory_pool_live_bytes{pool=\"message\"} "));
        assertThat(value(metrics, "spdypush_messages_acknowledged_total"), greaterThanOrEqualTo(1.0));
        assertThat(value(metrics, "spdypush_delivery_latency_seconds_count"), greaterThanOrEqualTo(1.0));
        assertThat(value(metrics, "spdypush_sessions_opened_total"), greaterThanOrEqualTo(1.0));
    }

    /** The value of an unlabelled sample. */
    private static double value(String metrics, String name) {
        Matcher sample = Pattern.compile("^" + name + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        assertThat(name + " is in the scrape", sample.find(), is(true));
        return Double.parseDouble(sample.group(1));
    }

    private URI uri(String path) {
        String base = webBase.toExternalForm();
        return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
    }
}
