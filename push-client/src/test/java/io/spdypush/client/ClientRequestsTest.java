package io.spdypush.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The requests of the protocol as every transport writes them (§2, §3.1, §3.2). */
class ClientRequestsTest {

    @Test
    void aBusinessRequestCarriesItsHeadersThenItsBodysThenPushHave() {
        Request request = Request.to("/orders").method("POST").header("accept", "text/html")
                .text("{}");
        List<String> written = new ArrayList<>();

        ClientRequests.forEachHeader(request, List.of("/a.css", "/b.js"), (name, value) -> written.add(name + ": "
                + value));

        assertThat(written, contains("accept: text/html", "content-type: text/plain; charset=utf-8",
                "content-length: 2", "push-have: /a.css, /b.js"));
    }

    @Test
    void aRequestWithoutBodyOrCacheCarriesItsOwnHeadersOnly() {
        Map<String, String> written = new LinkedHashMap<>();

        ClientRequests.forEachHeader(ClientRequests.ack(17), List.of(), written::put);

        assertThat(written, is(Map.of("push-ack", "17")));
    }

    @Test
    void thePushStreamIsAGetOfPushWithTheClientsHeaders() {
        ClientSettings settings = new ClientSettings("127.0.0.1", 7070, "device-1", "t0k3n",
                new InMemoryLastSeqStore(), List.of("news", "scores"), true, 1024, Transport.H2, null,
                message -> { }, null, null, null, Heartbeat.DEFAULT_PERIOD);

        Request push = ClientRequests.push(settings, OptionalLong.of(41));

        assertThat(push.method(), is("GET"));
        assertThat(push.path(), is("/push"));
        assertThat(push.hasBody(), is(false));
        assertThat(push.headers(), is(Map.of("push-client", "device-1", "authorization", "Bearer t0k3n",
                "push-last-seq", "41", "push-topics", "news,scores")));
    }
}
