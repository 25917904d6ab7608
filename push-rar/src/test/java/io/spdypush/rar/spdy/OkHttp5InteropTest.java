package io.spdypush.rar.spdy;

import io.spdypush.api.BusinessResponse;
import io.spdypush.api.PushMessage;
import io.spdypush.api.Subresource;
import io.spdypush.codec.DecodedPacket;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * docs/PROTOCOL.md §10 with today's OkHttp (5, HTTP/2 with prior knowledge, no SPDY): one connection carries the
 * push stream, the acknowledgement and a business request. OkHttp leaves server push allowed and resets every
 * PUSH_PROMISE it gets: the reply still arrives whole, its sub-resource tagged.
 */
class OkHttp5InteropTest {

    @RegisterExtension
    final RunningServer running = new RunningServer();

    private final OkHttpClient http = new OkHttpClient.Builder()
            .protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE))
            .readTimeout(10, TimeUnit.SECONDS)
            .build();

    @AfterEach
    void closeClient() {
        http.connectionPool().evictAll();
        http.dispatcher().executorService().shutdownNow();
    }

    @Test
    void okHttpReceivesInOrderAcknowledgesGetsItsPageAndResumesAfterACut() throws Exception {
        String base = "http://127.0.0.1:" + running.server().port();
        running.server().routes().register("/page", request -> CompletableFuture.completedFuture(
                BusinessResponse.ok("text/html", "<html/>")
                        .withSubresource(Subresource.pushed("/style.css", "text/css", "b{}"))));
        String token = "Bearer " + TestServers.token("device-1");
        try (Response push = http.newCall(new Request.Builder().url(base + "/push")
                .header("push-client", "device-1").header("authorization", token).build()).execute()) {
            assertThat(push.code(), is(200));
            assertThat(push.protocol(), is(Protocol.H2_PRIOR_KNOWLEDGE));
            assertThat(push.header("content-type"), is("application/x-spdypush-packets"));
            running.server().send(PushMessage.to("device-1").text("one"));
            running.server().send(PushMessage.to("device-1").text("two"));
            List<DecodedPacket> packets = PacketReader.read(push.body().byteStream(), 2);
            assertThat(text(packets.get(0)), is("one"));
            assertThat(text(packets.get(1)), is("two"));

            // The same connection: the ack and the request belong to its session without naming it.
            try (Response ack = http.newCall(new Request.Builder().url(base + "/ack")
                    .header("push-ack", Long.toString(packets.get(1).seq()))
                    .post(RequestBody.create(new byte[0])).build()).execute()) {
                assertThat(ack.code(), is(200));
                assertThat(ack.header("push-ack"), is(Long.toString(packets.get(1).seq())));
            }
            assertThat(running.server().session("device-1").orElseThrow().pendingMessages(), is(0));
            try (Response page = http.newCall(new Request.Builder().url(base + "/page").build()).execute()) {
                assertThat(page.code(), is(200));
                assertThat(page.body().string(), is("<html/>"));
                assertThat(page.header("push-subresources"), is("/style.css"));
                assertThat("pushed, so not linked", page.header("link"), is(nullValue()));
            }
            running.server().send(PushMessage.to("device-1").text("three"));
            DecodedPacket three = PacketReader.read(push.body().byteStream(), 1).get(0);
            assertThat("the session lives on after the refused push", text(three), is("three"));
        }
        // Cut (the response closed above): "three" was received but not acknowledged, so it comes again.
        try (Response resumed = http.newCall(new Request.Builder().url(base + "/push")
                .header("push-client", "device-1").header("authorization", token).build()).execute()) {
            DecodedPacket again = PacketReader.read(resumed.body().byteStream(), 1).get(0);
            assertThat(text(again), is("three"));
            assertThat(again.redelivery(), is(true));
        }
    }

    private static String text(DecodedPacket packet) {
        return new String(packet.payload(), StandardCharsets.UTF_8);
    }
}
