package io.spdypush.rar.spdy;

import com.squareup.okhttp.Protocol;
import com.squareup.okhttp.internal.framed.ErrorCode;
import com.squareup.okhttp.internal.framed.FramedConnection;
import com.squareup.okhttp.internal.framed.FramedStream;
import com.squareup.okhttp.internal.framed.Header;
import io.spdypush.api.BusinessResponse;
import io.spdypush.api.PushMessage;
import io.spdypush.api.Subresource;
import okio.BufferedSource;
import okio.Okio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The server against OkHttp 2.7.5's SPDY/3.1 implementation, written by other people: the push
 * stream, push packets read by a decoder written here from docs/PROTOCOL.md §2, acks and PINGs, and
 * business requests with pushed sub-resources (§3.2).
 */
class OkHttpInteropTest {

    private final BlockingQueue<FramedStream> pushed = new LinkedBlockingQueue<>();
    private PushServer server;
    private Socket socket;
    private FramedConnection connection;

    @BeforeEach
    void connect() throws Exception {
        server = TestServers.start(TestServers.config());
        socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(10_000);
        connection = new FramedConnection.Builder(true).socket(socket).protocol(Protocol.SPDY_3)
                .listener(new FramedConnection.Listener() {
                    @Override
                    public void onStream(FramedStream stream) {
                        pushed.add(stream);
                    }
                })
                .build();
        connection.sendConnectionPreface();
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
        socket.close();
        server.stop();
    }

    @Test
    void receivesPushesAcknowledgesThemAndPings() throws Exception {
        FramedStream push = connection.newStream(List.of(
                new Header(":method", "GET"), new Header(":path", "/push"), new Header(":version", "HTTP/1.1"),
                new Header(":host", "localhost"), new Header(":scheme", "http"),
                new Header("push-client", "okhttp-1"),
                new Header("authorization", "Bearer " + TestServers.token("okhttp-1"))),
                false, true);
        List<Header> reply = push.getResponseHeaders();
        assertThat(value(reply, ":status"), is("200"));
        assertThat(value(reply, "push-heartbeat"), is("60"));
        assertThat(value(reply, "push-session"), notNullValue());

        long firstSeq = server.send(PushMessage.to("okhttp-1").id("first").text("hello")).get(0).seq();
        byte[] large = "x".repeat(200_000).getBytes(StandardCharsets.UTF_8);
        server.send(PushMessage.to("okhttp-1").id("second").bytes("application/octet-stream", large));

        BufferedSource packets = Okio.buffer(push.getSource());
        Packet first = Packet.read(packets);
        assertThat(first.type, is(1));
        assertThat(first.seq, is(firstSeq));
        assertThat(first.flags, is(1));
        assertThat(first.meta, is("id: first\ncontent-type: text/plain; charset=utf-8\n"));
        assertThat(new String(first.payload, StandardCharsets.UTF_8), is("hello"));
        Packet second = Packet.read(packets);
        assertThat(second.seq, is(firstSeq + 1));
        assertThat(second.payload, is(large));

        FramedStream ack = connection.newStream(List.of(
                new Header(":method", "POST"), new Header(":path", "/ack"), new Header(":version", "HTTP/1.1"),
                new Header(":host", "localhost"), new Header(":scheme", "http"), new Header("push-ack", Long.toString(firstSeq + 1))),
                false, true);
        List<Header> ackReply = ack.getResponseHeaders();
        assertThat(value(ackReply, ":status"), is("200"));
        assertThat(value(ackReply, "push-ack"), is(Long.toString(firstSeq + 1)));
        assertThat(server.status().pendingMessages(), is(0L));

        assertThat(connection.ping().roundTripTime(10, TimeUnit.SECONDS) >= 0, is(true));
        push.close(ErrorCode.CANCEL);
    }

    @Test
    void receivesAPageWithItsPushedSubresourcesAndCanCancelOne() throws Exception {
        server.routes().register("/page", request -> CompletableFuture.completedFuture(
                BusinessResponse.ok("text/html", "<html/>")
                        .withSubresource(Subresource.pushed("/app.css", "text/css", "body{}"))
                        .withSubresource(Subresource.pushed("/app.js", "text/javascript", "go()"))));
        openPushStream("okhttp-2");

        FramedStream page = connection.newStream(requestHeaders("GET", "/page"), false, true);
        List<Header> reply = page.getResponseHeaders();
        assertThat(value(reply, ":status"), is("200"));
        assertThat(value(reply, "push-subresources"), is("/app.css, /app.js"));
        assertThat(Okio.buffer(page.getSource()).readUtf8(), is("<html/>"));

        Map<String, FramedStream> byPath = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            FramedStream stream = pushed.poll(10, TimeUnit.SECONDS); // OkHttp announces them on its own threads
            byPath.put(value(stream.getRequestHeaders(), ":path"), stream);
        }
        FramedStream css = byPath.get("/app.css");
        FramedStream js = byPath.get("/app.js");
        assertThat(value(css.getRequestHeaders(), "content-type"), is("text/css"));
        assertThat(Okio.buffer(css.getSource()).readUtf8(), is("body{}"));
        assertThat(value(js.getRequestHeaders(), "content-type"), is("text/javascript"));
        js.close(ErrorCode.CANCEL);

        assertThat("the session is healthy after the cancel",
                connection.ping().roundTripTime(10, TimeUnit.SECONDS) >= 0, is(true));
    }

    private void openPushStream(String clientId) throws Exception {
        List<Header> headers = new ArrayList<>(requestHeaders("GET", "/push"));
        headers.add(new Header("push-client", clientId));
        headers.add(new Header("authorization", "Bearer " + TestServers.token(clientId)));
        assertThat(value(connection.newStream(headers, false, true).getResponseHeaders(), ":status"), is("200"));
    }

    private static List<Header> requestHeaders(String method, String path) {
        return List.of(new Header(":method", method), new Header(":path", path), new Header(":version", "HTTP/1.1"),
                new Header(":host", "localhost"), new Header(":scheme", "http"));
    }

    private static String value(List<Header> headers, String name) {
        return headers.stream().filter(header -> header.name.utf8().equals(name))
                .map(header -> header.value.utf8()).findFirst().orElse(null);
    }

    /** A push packet as docs/PROTOCOL.md §2 lays it out, read independently of the server's code. */
    private record Packet(int type, int flags, long seq, String meta, byte[] payload) {

        static Packet read(BufferedSource source) throws Exception {
            int length = source.readInt();
            int type = source.readByte() & 0xff;
            int flags = source.readByte() & 0xff;
            long seq = source.readLong();
            int metaLength = source.readShort() & 0xffff;
            String meta = source.readUtf8(metaLength);
            byte[] payload = source.readByteArray(length - 12 - metaLength);
            return new Packet(type, flags, seq, meta, payload);
        }
    }
}
