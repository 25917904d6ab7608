package io.spdypush.rar.spdy;

import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Error;
import io.spdypush.api.PushMessage;
import io.spdypush.client.PushClient;
import io.spdypush.client.ReceivedMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Clients that attack the HTTP/2 and HTTP/1.1 transports (docs/PROTOCOL.md §10): rapid reset, PING and SETTINGS
 * floods, CONTINUATION floods, HPACK header bombs, window overflows, slowloris, oversized request lines and
 * headers. Each gets a clear GOAWAY, RST_STREAM or status and a bounded cost, and a bystander on the same server
 * keeps receiving its pushes.
 */
class HttpHostileClientTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private PushServer server;
    private PushClient bystander;
    private final BlockingQueue<ReceivedMessage> bystanderReceived = new LinkedBlockingQueue<>();

    private void start(ServerConfig config) throws Exception {
        server = TestServers.start(config);
        bystander = TestServers.client(server, "bystander").listener(bystanderReceived::add).build();
        bystander.connect().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        bystander.close();
        server.stop();
    }

    @Test
    void rapidResetEndsTheConnectionWithGoAway() throws Exception {
        start(TestServers.hostile(Integer.MAX_VALUE / 4, 64 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(5)));
        try (RawHttp2Connection attacker = new RawHttp2Connection(server.port())) {
            flood(() -> {
                for (int streamId = 1; streamId < 2 * 400; streamId += 2) {
                    attacker.headers(streamId, RawHttp2Connection.get("/anything"), true).reset(streamId);
                }
            });
            assertGoneWithEnhanceYourCalm(attacker);
        }
        assertBystanderServed();
    }

    @Test
    void pingAndSettingsFloodsGetGoAwayEnhanceYourCalm() throws Exception {
        start(TestServers.config()); // maxFramesPerSecond 50
        try (RawHttp2Connection pinger = new RawHttp2Connection(server.port())) {
            flood(() -> {
                for (int ping = 0; ping < 60; ping++) {
                    pinger.ping(ping);
                }
            });
            assertGoneWithEnhanceYourCalm(pinger);
        }
        try (RawHttp2Connection settler = new RawHttp2Connection(server.port())) {
            flood(() -> {
                for (int settings = 0; settings < 60; settings++) {
                    settler.settings();
                }
            });
            assertGoneWithEnhanceYourCalm(settler);
        }
        assertThat(server.status().badInput().get("ping-flood"), is(1L));
        assertThat(server.status().badInput().get("frame-flood"), is(1L));
        assertBystanderServed();
    }

    /** What a flood sends until the server closes the connection on it, which is what the test waits for. */
    private interface Flood {
        void send() throws IOException;
    }

    private static void flood(Flood flood) {
        try {
            flood.send();
        } catch (IOException closedByTheServer) {
            // the server closed the connection before the flood was over
        }
    }

    /**
     * The GOAWAY, when it can still be read: a peer that went on writing after the server closed gets a reset,
     * and the kernel may drop what it had received. The connection is closed either way.
     */
    private static void assertGoneWithEnhanceYourCalm(RawHttp2Connection attacker) throws IOException {
        RawHttp2Connection.Frame goAway = attacker.next(RawHttp2Connection.TYPE_GOAWAY, WAIT);
        if (goAway != null) {
            assertThat(goAway.errorCode(), is(Http2Error.ENHANCE_YOUR_CALM.code()));
        }
        assertThat(attacker.closedWithin(WAIT), is(true));
    }

    @Test
    void aHeaderBlockThatNeverEndsIsCutAtTheHeaderLimit() throws Exception {
        start(TestServers.hostile(Integer.MAX_VALUE / 4, 64 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(5)));
        byte[] fragment = new byte[1024];
        Arrays.fill(fragment, (byte) 0x40); // literal header fields, never decoded: the block never ends
        try (RawHttp2Connection attacker = new RawHttp2Connection(server.port())) {
            attacker.frame(RawHttp2Connection.TYPE_HEADERS, 0, 1, fragment);
            int sent = fragment.length;
            try {
                for (int frame = 0; frame < 1024; frame++, sent += fragment.length) {
                    attacker.frame(RawHttp2Connection.TYPE_CONTINUATION, 0, 1, fragment);
                }
            } catch (IOException closedByTheServer) {
                // what the test waits for
            }
            RawHttp2Connection.Frame goAway = attacker.next(RawHttp2Connection.TYPE_GOAWAY, WAIT);
            assertThat("GOAWAY, or the end of the connection, after " + sent + " header bytes",
                    goAway == null || goAway.errorCode() != Http2Error.NO_ERROR.code(), is(true));
            assertThat(attacker.closedWithin(WAIT), is(true));
        }
        assertBystanderServed();
    }

    /** One 4 KiB header put in the HPACK table, then named by its one-byte index 300 times: 1.2 MiB from 5 KiB. */
    @Test
    void anHpackBombIsRefusedWithoutDecodingIt() throws Exception {
        start(TestServers.config());
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(new byte[]{(byte) 0x82, (byte) 0x84, (byte) 0x86}); // :method GET, :path /, :scheme http
        block.write(0x40); // literal with incremental indexing, new name
        byte[] name = "x-bomb".getBytes(StandardCharsets.US_ASCII);
        block.write(name.length);
        block.write(name);
        int valueLength = 4096;
        block.write(0x7f); // 7-bit prefix full, then the rest of 4096 in base 128
        int rest = valueLength - 127;
        while (rest >= 128) {
            block.write((rest % 128) | 0x80);
            rest /= 128;
        }
        block.write(rest);
        byte[] value = new byte[valueLength];
        Arrays.fill(value, (byte) 'a');
        block.write(value);
        for (int reference = 0; reference < 300; reference++) {
            block.write(0xbe); // indexed: the first entry of the dynamic table
        }
        try (RawHttp2Connection attacker = new RawHttp2Connection(server.port())) {
            attacker.frame(RawHttp2Connection.TYPE_HEADERS, RawHttp2Connection.FLAG_END_HEADERS | 0x1, 1,
                    block.toByteArray());
            // Netty answers a header list over the limit with 431, or ends the connection when far over it.
            RawHttp2Connection.Frame answer = attacker.next(RawHttp2Connection.TYPE_GOAWAY, WAIT);
            assertThat("GOAWAY or the end of the connection", answer == null
                    || answer.errorCode() != Http2Error.NO_ERROR.code(), is(true));
        }
        assertBystanderServed();
    }

    /**
     * The server keeps no HPACK table of a client's headers (SETTINGS_HEADER_TABLE_SIZE 0, for the memory of idle
     * connections), and does not trust the client to comply: one that acknowledges the setting and indexes a header
     * anyway is a COMPRESSION_ERROR.
     */
    @Test
    void aClientThatIndexesHeadersDespiteATableSizeOfZeroIsACompressionError() throws Exception {
        start(TestServers.config());
        try (RawHttp2Connection attacker = new RawHttp2Connection(server.port())) {
            RawHttp2Connection.Frame settings = attacker.next(RawHttp2Connection.TYPE_SETTINGS, WAIT);
            assertThat(settings.setting(Http2CodecUtil.SETTINGS_HEADER_TABLE_SIZE), is(0L));
            attacker.frame(RawHttp2Connection.TYPE_SETTINGS, RawHttp2Connection.FLAG_ACK, 0, new byte[0]);
            ByteArrayOutputStream block = new ByteArrayOutputStream();
            block.write(new byte[]{(byte) 0x82, (byte) 0x84, (byte) 0x86}); // :method GET, :path /, :scheme http
            block.write(0x40); // literal with incremental indexing, new name, and no table size update before it
            block.write(new byte[]{6, 'x', '-', 'k', 'e', 'e', 'p', 1, 'v'});
            attacker.frame(RawHttp2Connection.TYPE_HEADERS, RawHttp2Connection.FLAG_END_HEADERS | 0x1, 1,
                    block.toByteArray());
            RawHttp2Connection.Frame goAway = attacker.next(RawHttp2Connection.TYPE_GOAWAY, WAIT);
            assertThat(goAway, notNullValue());
            assertThat(goAway.errorCode(), is(Http2Error.COMPRESSION_ERROR.code()));
        }
        assertBystanderServed();
    }

    /** A client reading a busy push stream opens its window often: large updates are free, tiny ones a flood. */
    @Test
    void windowUpdatesThatOpenMuchOfTheWindowAreFreeAndTinyOnesAFlood() throws Exception {
        start(TestServers.config()); // maxFramesPerSecond 50
        try (RawHttp2Connection client = new RawHttp2Connection(server.port())) {
            client.headers(1, RawHttp2Connection.get("/push", "push-client", "device-1",
                    "authorization", "Bearer " + TestServers.token("device-1")), true);
            assertThat(client.next(RawHttp2Connection.TYPE_HEADERS, WAIT).streamId(), is(1));
            for (int update = 0; update < 200; update++) {
                client.windowUpdate(1, ProtocolGuard.FREE_WINDOW_UPDATE_BYTES);
            }
            assertThat("200 large updates in a second are no flood", client.closedWithin(Duration.ofSeconds(1)),
                    is(false));
            flood(() -> {
                for (int update = 0; update < 200; update++) {
                    client.windowUpdate(1, 1);
                }
            });
            assertGoneWithEnhanceYourCalm(client);
        }
        assertThat(server.status().badInput().get("frame-flood"), is(1L));
        assertBystanderServed();
    }

    /**
     * A stream error costs its stream, with RST_STREAM, not the connection at once: DATA on a push stream whose
     * request has ended is STREAM_CLOSED, and the session then ends as when the client resets its push stream, with
     * GOAWAY NO_ERROR.
     */
    @Test
    void dataOnAnEndedPushStreamResetsItAndEndsTheSessionGracefully() throws Exception {
        start(TestServers.config());
        try (RawHttp2Connection client = new RawHttp2Connection(server.port())) {
            client.headers(1, RawHttp2Connection.get("/push", "push-client", "device-1",
                    "authorization", "Bearer " + TestServers.token("device-1")), true);
            assertThat(client.next(RawHttp2Connection.TYPE_HEADERS, WAIT).streamId(), is(1));
            client.frame(RawHttp2Connection.TYPE_DATA, 0, 1, new byte[]{1, 2, 3});
            RawHttp2Connection.Frame reset = client.next(RawHttp2Connection.TYPE_RST_STREAM, WAIT);
            assertThat(reset.streamId(), is(1));
            assertThat(reset.errorCode(), is(Http2Error.STREAM_CLOSED.code()));
            assertThat(client.next(RawHttp2Connection.TYPE_GOAWAY, WAIT).errorCode(), is(Http2Error.NO_ERROR.code()));
        }
        assertBystanderServed();
    }

    @Test
    void aWindowOverflowIsAFlowControlError() throws Exception {
        start(TestServers.config());
        try (RawHttp2Connection attacker = new RawHttp2Connection(server.port())) {
            attacker.windowUpdate(0, Integer.MAX_VALUE); // over 2^31 - 1 with the initial 65 535
            assertThat(attacker.next(RawHttp2Connection.TYPE_GOAWAY, WAIT).errorCode(),
                    is(Http2Error.FLOW_CONTROL_ERROR.code()));
        }
        assertBystanderServed();
    }

    @Test
    void slowlorisOnHttp1IsClosedAtThePushStreamTimeout() throws Exception {
        start(TestServers.config(Duration.ofSeconds(90), Duration.ofSeconds(10), Duration.ofSeconds(2)));
        long started = System.nanoTime();
        try (Socket attacker = new Socket("127.0.0.1", server.port())) {
            OutputStream out = attacker.getOutputStream();
            out.write("GET /push HTTP/1.1\r\nhost: 127.0.0.1\r\nx-slow: ".getBytes(StandardCharsets.US_ASCII));
            try {
                for (int second = 0; second < 20 && !closed(attacker); second++) {
                    out.write('a');
                    out.flush();
                    Thread.sleep(300);
                }
            } catch (IOException closedByTheServer) {
                // what the test waits for
            }
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertThat(seconds, greaterThanOrEqualTo(1L));
        assertThat(seconds, lessThan(6L));
        assertThat(server.status().badInput().get("no-push-stream"), is(1L));
        assertBystanderServed();
    }

    @Test
    void anOversizedRequestLineGets414AndOversizedHeaders431() throws Exception {
        start(TestServers.config());
        String longPath = "/" + "a".repeat(Transports.MAX_REQUEST_LINE_BYTES);
        assertThat(http1("GET " + longPath + " HTTP/1.1\r\nhost: x\r\n\r\n"), startsWith("HTTP/1.1 414"));
        String bigHeader = "x-big: " + "b".repeat(server.config().maxHeaderBytes()) + "\r\n";
        assertThat(http1("GET /push HTTP/1.1\r\nhost: x\r\n" + bigHeader + "\r\n"), startsWith("HTTP/1.1 431"));
        assertThat(http1("NOT HTTP AT ALL\r\n\r\n"), startsWith("HTTP/1.1 400"));
        assertBystanderServed();
    }

    /** Sends {@code request} on a new connection and returns all the server answers before it closes. */
    private String http1(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static boolean closed(Socket socket) throws IOException {
        socket.setSoTimeout(1);
        try {
            return socket.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    private void assertBystanderServed() throws Exception {
        server.send(PushMessage.to("bystander").text("still here"));
        ReceivedMessage message = bystanderReceived.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat("the bystander's push arrived", message, notNullValue());
        assertThat(message.text(), is("still here"));
    }
}
