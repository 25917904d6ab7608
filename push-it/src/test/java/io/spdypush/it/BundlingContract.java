package io.spdypush.it;

import com.squareup.okhttp.Protocol;
import com.squareup.okhttp.internal.framed.ErrorCode;
import com.squareup.okhttp.internal.framed.FramedConnection;
import com.squareup.okhttp.internal.framed.FramedStream;
import com.squareup.okhttp.internal.framed.Header;
import io.spdypush.client.InMemoryResourceCache;
import io.spdypush.client.PushClient;
import io.spdypush.client.PushSession;
import io.spdypush.client.PushedResource;
import io.spdypush.client.Response;
import io.spdypush.protocol.Tokens;
import okio.Okio;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

/**
 * Resource bundling (docs/PROTOCOL.md §3.2) in a deployed layout: the demo bundle that the run command
 * serves, and the static directory the tests configure (see arquillian.xml). Subclasses deploy.
 */
public abstract class BundlingContract {

    private static final int WAIT_SECONDS = 20;
    private static final List<String> DEMO_SUBRESOURCES =
            List.of("/demo/style.css", "/demo/app.js", "/demo/logo.png", "/demo/theme.css");

    @Test
    void theDemoPageArrivesWholeInOneRequestWithEverySubresourcePushed() throws Exception {
        try (PushClient client = Layout.clientWithToken("bundle-1").listener(message -> { }).build()) {
            Response page = client.connect().get(WAIT_SECONDS, TimeUnit.SECONDS).request("/demo/index.html")
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(page.status(), is(200));
            assertThat(page.text(), containsString("One round trip"));
            assertThat(page.subresourceTags(), containsInAnyOrder(DEMO_SUBRESOURCES.toArray()));
            assertThat(page.subresources().stream().map(PushedResource::path).toList(),
                    containsInAnyOrder(DEMO_SUBRESOURCES.toArray()));
            PushedResource logo = page.subresources().stream().filter(sub -> sub.path().endsWith(".png"))
                    .findFirst().orElseThrow();
            assertThat(logo.contentType(), is("image/png"));
        }
    }

    @Test
    void whatTheClientAlreadyHoldsIsTaggedButNotPushedAgain() throws Exception {
        try (PushClient client = Layout.clientWithToken("bundle-2").resourceCache(new InMemoryResourceCache())
                .listener(message -> { }).build()) {
            PushSession session = client.connect().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(session.request("/demo/index.html").get(WAIT_SECONDS, TimeUnit.SECONDS).subresources()
                    .size(), is(DEMO_SUBRESOURCES.size()));

            Response again = session.request("/demo/index.html").get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(again.subresourceTags().size(), is(DEMO_SUBRESOURCES.size()));
            assertThat(again.subresources(), is(empty()));
        }
    }

    @Test
    void staticFilesAreServedAndAPathOutOfTheDirectoryIsRefused() throws Exception {
        try (PushClient client = Layout.clientWithToken("bundle-3").listener(message -> { }).build()) {
            PushSession session = client.connect().get(WAIT_SECONDS, TimeUnit.SECONDS);
            Response hello = session.request("/hello.html").get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(hello.status(), is(200));
            assertThat(hello.text(), containsString("a static page"));
            assertThat(session.request("/../../../../etc/passwd").get(WAIT_SECONDS, TimeUnit.SECONDS).status(),
                    is(400));
            assertThat(session.request("/no/such/page.html").get(WAIT_SECONDS, TimeUnit.SECONDS).status(), is(404));
        }
    }

    /** With OkHttp's SPDY/3.1, written by others: cancelling a pushed stream leaves the session healthy. */
    @Test
    void aClientThatCancelsAPushedStreamKeepsAHealthySession() throws Exception {
        BlockingQueue<FramedStream> pushed = new LinkedBlockingQueue<>();
        try (Socket socket = new Socket("127.0.0.1", Layout.spdyPort())) {
            socket.setSoTimeout(WAIT_SECONDS * 1000);
            FramedConnection connection = new FramedConnection.Builder(true).socket(socket)
                    .protocol(Protocol.SPDY_3).listener(new FramedConnection.Listener() {
                        @Override
                        public void onStream(FramedStream stream) {
                            pushed.add(stream);
                        }
                    }).build();
            connection.sendConnectionPreface();
            List<Header> push = new ArrayList<>(request("GET", "/push"));
            push.add(new Header("push-client", "bundle-4"));
            push.add(new Header("authorization", "Bearer " + Tokens.mint(System.getProperty("it.tokenSecret"),
                    "bundle-4", Instant.now().plusSeconds(300).getEpochSecond())));
            assertThat(connection.newStream(push, false, true).getResponseHeaders().get(0).value.utf8(), is("200"));

            FramedStream page = connection.newStream(request("GET", "/demo/index.html"), false, true);
            FramedStream first = pushed.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            first.close(ErrorCode.CANCEL);
            assertThat(Okio.buffer(page.getSource()).readUtf8(), containsString("One round trip"));

            assertThat("the session answers PINGs", connection.ping().roundTripTime(WAIT_SECONDS,
                    TimeUnit.SECONDS) >= 0, is(true));
            FramedStream next = connection.newStream(request("GET", "/hello.html"), false, true);
            assertThat(Okio.buffer(next.getSource()).readUtf8(), containsString("a static page"));
            connection.close();
        }
    }

    private static List<Header> request(String method, String path) {
        return List.of(new Header(":method", method), new Header(":path", path), new Header(":version", "HTTP/1.1"),
                new Header(":host", "localhost"), new Header(":scheme", "http"));
    }
}
