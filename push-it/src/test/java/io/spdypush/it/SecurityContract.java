package io.spdypush.it;

import io.spdypush.client.PushClient;
import io.spdypush.client.PushListener;
import io.spdypush.client.ReceivedMessage;
import io.spdypush.client.SessionClosedException;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Who may use the pages and the REST API, and how the API answers bad input and the sessions
 * endpoints, against the deployed application: the same in every layout. Subclasses deploy one.
 */
public abstract class SecurityContract {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();

    @ArquillianResource
    private URL webBase;

    @Test
    void withoutCredentialsTheApiAndThePagesAskForBasicAuthentication() throws Exception {
        for (String path : List.of("api/status", "", "resources.xhtml", "config.xhtml")) {
            HttpResponse<String> refused = send(request(path).GET());
            assertThat(uri(path) + ": " + refused.body(), refused.statusCode(), is(401));
            assertThat(refused.headers().firstValue("WWW-Authenticate").orElse(""), startsWith("Basic"));
        }
        HttpResponse<String> post = send(request("api/clients/someone/messages").POST(body("x")));
        assertThat(post.statusCode(), is(401));
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        assertThat(send(request("api/status").header("Authorization", Layout.basic("admin", "guess")).GET())
                .statusCode(), is(401));
        assertThat(send(request("api/status").header("Authorization", Layout.basic("root", "guess")).GET())
                .statusCode(), is(401));
    }

    /** The test servers lock for 2 s (spdypush.login.lockSeconds in arquillian.xml), so that the lock's end shows. */
    @Test
    void tenWrongPasswordsLockTheNameFromThisAddressWithoutItsPasswordCheckedUntilTheLockEnds() throws Exception {
        for (int guess = 1; guess <= 10; guess++) {
            assertThat("guess " + guess, send(request("api/status")
                    .header("Authorization", Layout.basic("monitor", "guess-" + guess)).GET()).statusCode(), is(401));
        }
        assertThat("the monitor's right password, not checked while locked",
                send(request("api/status").header("Authorization", Layout.monitor()).GET()).statusCode(), is(401));
        assertThat("the admin still logs in", send(admin("api/status").GET()).statusCode(), is(200));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int status;
        do {
            Thread.sleep(200);
            status = send(request("api/status").header("Authorization", Layout.monitor()).GET()).statusCode();
        } while (status == 401 && System.nanoTime() < deadline);
        assertThat("after the lock the monitor is known again (and forbidden the API)", status, is(403));
    }

    /**
     * Made-up names, each with a count of its own, until the address's count (20 wrong logins a
     * minute) locks every name from here: the other tests' wrong logins may have counted already.
     */
    @Test
    void wrongLoginsWithMadeUpNamesLockTheAddressWith429AndRetryAfterUntilTheLockEnds() throws Exception {
        HttpResponse<String> refused = null;
        for (int guess = 1; guess <= 21 && refused == null; guess++) {
            HttpResponse<String> answer = send(request("api/status")
                    .header("Authorization", Layout.basic("it-made-up-" + UUID.randomUUID(), "guess")).GET());
            if (answer.statusCode() != 401) {
                refused = answer;
            }
        }
        assertThat("refused within 21 wrong logins", refused, notNullValue());
        assertThat(refused.body(), refused.statusCode(), is(429));
        assertThat(refused.headers().firstValue("Retry-After").orElse(""), is("2"));
        assertThat(refused.body(), containsString("too many logins"));
        assertThat("the admin's right password from here too", send(admin("api/status").GET()).statusCode(), is(429));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int status;
        do {
            Thread.sleep(200);
            status = send(admin("api/status").GET()).statusCode();
        } while (status == 429 && System.nanoTime() < deadline);
        assertThat("after the lock the admin logs in", status, is(200));
    }

    @Test
    void aUserWithoutPushAdminIsForbidden() throws Exception {
        assertThat(send(request("api/status").header("Authorization", Layout.monitor()).GET()).statusCode(), is(403));
        assertThat(send(request("").header("Authorization", Layout.monitor()).GET()).statusCode(), is(403));
        assertThat(send(request("api/status").header("Authorization", Layout.admin()).GET()).statusCode(), is(200));
    }

    @Test
    void badInputIsRefusedNamingTheField() throws Exception {
        assertField(admin("api/clients/device-1/messages?ttl=-1").POST(body("x")), "ttl");
        assertField(admin("api/clients/device-1/messages?ttl=soon").POST(body("x")), "ttl");
        assertField(admin("api/clients/device-1/messages?priority=urgent").POST(body("x")), "priority");
        assertField(admin("api/clients/has%20space/messages").POST(body("x")), "clientId");
        assertField(admin("api/messages?to=device-1").POST(body("x")), "to"); // not a message to everyone
        assertField(admin("api/clients/device-1/messages?tll=60").POST(body("x")), "tll");
        assertField(admin("api/clients/device-1/tokens?ttl=0").POST(HttpRequest.BodyPublishers.noBody()), "ttl");
        assertField(admin("api/clients/device-1/tokens?ttl=2592001").POST(HttpRequest.BodyPublishers.noBody()),
                "ttl");
        assertField(admin("api/clients/device-1/tokens?tll=60").POST(HttpRequest.BodyPublishers.noBody()), "tll");
        assertField(admin("api/sessions?limit=0").GET(), "limit");
        assertField(admin("api/sessions?offset=-3").GET(), "offset");
        assertField(admin("api/sessions?search=a%20b").GET(), "search");
        assertField(admin("api/sessions?serach=device").GET(), "serach"); // not every session
        assertField(admin("api/topics?limt=5").GET(), "limt");
    }

    @Test
    void theSessionOfAClientThatIsNotOnlineIsNotFound() throws Exception {
        String clientId = "it-nobody-" + UUID.randomUUID();
        for (HttpRequest.Builder request : List.of(admin("api/sessions/" + clientId).GET(),
                admin("api/sessions/" + clientId).DELETE())) {
            HttpResponse<String> missing = send(request);
            assertThat(missing.body(), missing.statusCode(), is(404));
            assertThat(missing.headers().firstValue("Content-Type").orElse(""), startsWith("application/json"));
            assertThat(missing.body(), containsString("\"error\":\"client " + clientId + " is not online\""));
        }
    }

    @Test
    void sessionsArePagedAndSearchedByClientIdPrefix() throws Exception {
        String prefix = "it-page-" + UUID.randomUUID() + "-";
        List<PushClient> clients = new ArrayList<>();
        try {
            for (String name : List.of("c", "a", "b")) {
                PushClient client = Layout.clientWithToken(prefix + name).heartbeat(Duration.ofSeconds(1))
                        .listener(message -> { }).build();
                clients.add(client);
                client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }

            HttpResponse<String> first = send(admin("api/sessions?limit=2&search=" + prefix).GET());
            assertThat(first.body(), first.statusCode(), is(200));
            assertThat(first.body(), containsString("\"more\":true"));
            assertInOrder(first.body(), prefix + "a", prefix + "b");
            assertThat(first.body(), not(containsString(prefix + "c")));

            HttpResponse<String> second = send(admin("api/sessions?offset=2&limit=2&search=" + prefix).GET());
            assertThat(second.body(), containsString("\"more\":false"));
            assertThat(second.body(), containsString("\"clientId\":\"" + prefix + "c\""));
            assertThat(second.body(), not(containsString(prefix + "a")));

            HttpResponse<String> one = send(admin("api/sessions/" + prefix + "b").GET());
            assertThat(one.body(), one.statusCode(), is(200));
            assertThat(one.body(), containsString("\"clientId\":\"" + prefix + "b\""));
            assertThat(one.body(), containsString("\"remoteAddress\""));
            assertThat("its push stream is open", one.body(), containsString("\"openStreams\":1"));
            String heartbeat = "\"lastHeartbeat\":\"";
            assertThat("the client PINGs after a second of quiet", await("api/sessions/" + prefix + "b",
                    answer -> answer.body().contains(heartbeat)).body(), containsString(heartbeat));
        } finally {
            clients.forEach(PushClient::close);
        }
    }

    @Test
    void topicsAreListedWithTheirSubscribersAPageAtATime() throws Exception {
        String prefix = "it-topic-" + UUID.randomUUID() + "-";
        List<PushClient> clients = new ArrayList<>();
        try {
            for (String[] topics : List.of(new String[] {prefix + "b"}, new String[] {prefix + "a", prefix + "b"})) {
                PushClient client = Layout.clientWithToken("it-subscriber-" + UUID.randomUUID()).topics(topics)
                        .listener(message -> { }).build();
                clients.add(client);
                client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }

            HttpResponse<String> first = send(admin("api/topics?limit=1&search=" + prefix).GET());
            assertThat(first.body(), first.statusCode(), is(200));
            assertThat(first.body(), containsString("\"more\":true"));
            assertThat(first.body(), containsString("{\"name\":\"" + prefix + "a\",\"subscribers\":1}"));

            HttpResponse<String> second = send(admin("api/topics?offset=1&limit=1&search=" + prefix).GET());
            assertThat(second.body(), containsString("\"more\":false"));
            assertThat(second.body(), containsString("{\"name\":\"" + prefix + "b\",\"subscribers\":2}"));
            assertField(admin("api/topics?search=no%20spaces").GET(), "search");
        } finally {
            clients.forEach(PushClient::close);
        }
    }

    @Test
    void aMessageToSeveralClientIdsIsAnsweredForEachStoredForEachAndABadIdIsNamed() throws Exception {
        String a = "it-many-a-" + UUID.randomUUID();
        String b = "it-many-b-" + UUID.randomUUID();

        HttpResponse<String> sent = send(admin("api/clients/messages?to=" + a + "," + b + "&id=to-many")
                .POST(body("to both")));

        assertThat(sent.body(), sent.statusCode(), is(202));
        assertThat(sent.body(), containsString("\"id\":\"to-many\""));
        for (String clientId : List.of(a, b)) {
            assertThat(sent.body(), containsString("\"clientId\":\"" + clientId + "\""));
            assertThat("stored for the offline client", send(admin("api/clients/" + clientId
                    + "/messages/to-many").GET()).statusCode(), is(200));
        }
        assertThat(sent.body(), not(containsString("REFUSED")));
        HttpResponse<String> stored = send(admin("api/clients/" + a + "/messages?limit=10").GET());
        assertThat(stored.body(), stored.statusCode(), is(200));
        assertThat(stored.body(), containsString("\"id\":\"to-many\""));
        assertThat(stored.body(), containsString("\"status\":\"PENDING\""));
        assertField(admin("api/clients/" + a + "/messages?limit=0").GET(), "limit");
        assertField(admin("api/clients/messages?to=" + a + ",not%20valid").POST(body("x")), "to");
        assertField(admin("api/clients/messages").POST(body("x")), "to");
    }

    @Test
    void deleteDisconnectsTheClient() throws Exception {
        String clientId = "it-kicked-" + UUID.randomUUID();
        CompletableFuture<SessionClosedException> disconnected = new CompletableFuture<>();
        try (PushClient client = Layout.clientWithToken(clientId).listener(new PushListener() {
            @Override
            public void onMessage(ReceivedMessage message) {
            }

            @Override
            public void onDisconnected(SessionClosedException reason) {
                disconnected.complete(reason);
            }
        }).build()) {
            client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);

            HttpResponse<String> deleted = send(admin("api/sessions/" + clientId).DELETE());

            assertThat(deleted.body(), deleted.statusCode(), is(204));
            assertThat("the client is told to go away", disconnected.get(WAIT.toSeconds(), TimeUnit.SECONDS),
                    notNullValue());
            assertThat(await("api/sessions/" + clientId, answer -> answer.statusCode() == 404).statusCode(), is(404));
        }
    }

    @Test
    void healthAndMetricsNeedNoCredentials() throws Exception {
        assertThat(send(HttpRequest.newBuilder(serverUri("/health")).timeout(WAIT).GET()).statusCode(),
                is(200));
        HttpResponse<String> metrics = send(request("metrics").GET());
        assertThat(metrics.statusCode(), is(200));
        assertThat(metrics.body(), containsString("spdypush_sessions_online"));
    }

    @Test
    void aBrowserPostingForAnotherSiteIsRefusedEvenWithCredentials() throws Exception {
        HttpResponse<String> forged = send(admin("api/clients/device-1/messages").header("Origin", "https://evil.example")
                .header("Sec-Fetch-Site", "cross-site").POST(body("forged")));
        assertThat(forged.body(), forged.statusCode(), is(403));
        assertThat(forged.body(), containsString("cross-site"));
    }

    @Test
    void aBodyOverTheLimitIsA413WithOrWithoutItsLength() throws Exception {
        byte[] tooLarge = new byte[16 * 1024 * 1024 + 1];
        HttpResponse<String> declared = send(admin("api/batch").setHeader("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(tooLarge)));
        assertThat(declared.body(), declared.statusCode(), is(413));
        assertThat(declared.body(), containsString("spdypush.rest.maxBodyBytes"));

        HttpResponse<String> chunked = send(admin("api/clients/someone/messages").POST(
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooLarge))));
        assertThat(chunked.body(), chunked.statusCode(), is(413));
        assertThat("the server still answers", send(admin("api/status").GET()).statusCode(), is(200));
    }

    @Test
    void aPageThatChangesThingsOpensForAnotherSiteOnlyAsALinkErrorsShowNoStackTraceAndNoPageCanBeFramed() throws Exception {
        HttpResponse<String> forAnotherSite = send(admin("send.xhtml").header("Sec-Fetch-Site", "cross-site").GET());
        assertThat(forAnotherSite.body(), forAnotherSite.statusCode(), is(403));
        assertThat(forAnotherSite.body(), containsString("id=\"open-asked-page\""));
        assertThat(forAnotherSite.body(), not(containsString("Exception")));

        HttpResponse<String> bookmarked = send(admin("send.xhtml").header("Sec-Fetch-Site", "none").GET());
        assertThat(bookmarked.statusCode(), is(302));
        assertThat(bookmarked.headers().firstValue("Location").orElse(""), containsString("jakarta.faces.Token="));

        HttpResponse<String> expired = send(admin("index.xhtml").setHeader("Content-Type",
                "application/x-www-form-urlencoded").POST(body("jakarta.faces.ViewState=no-such-view")));
        assertThat(expired.statusCode(), is(500));
        assertThat(expired.body(), containsString("Something went wrong"));
        assertThat("no stack trace", expired.body(), not(containsString("Exception")));
        assertThat("its links work from any depth", expired.body(), containsString("href=\""
                + admin("index.xhtml").build().uri().getPath() + "\""));
        HttpResponse<String> anyMethod = send(admin("unexpected-error").DELETE());
        assertThat("the error page answers a failed DELETE too", anyMethod.body(),
                containsString("Something went wrong"));

        for (String page : List.of("index.xhtml", "")) {
            HttpResponse<String> dashboard = send(admin(page).GET());
            assertThat(page, dashboard.headers().firstValue("X-Frame-Options").orElse(""), is("DENY"));
            assertThat(page, dashboard.headers().firstValue("Content-Security-Policy").orElse(""),
                    is("frame-ancestors 'none'"));
        }
    }

    private void assertField(HttpRequest.Builder request, String field) throws Exception {
        HttpResponse<String> refused = send(request);
        assertThat(refused.body(), refused.statusCode(), is(400));
        assertThat(refused.body(), containsString("\"field\":\"" + field + "\""));
        assertThat(refused.body(), containsString("\"error\":\""));
    }

    private static void assertInOrder(String json, String first, String second) {
        int a = json.indexOf("\"clientId\":\"" + first + "\"");
        int b = json.indexOf("\"clientId\":\"" + second + "\"");
        assertThat(json, a >= 0 && b > a, is(true));
    }

    /** The answer to a GET of {@code path} once it satisfies {@code condition}, or the last one after the wait. */
    private HttpResponse<String> await(String path, Predicate<HttpResponse<String>> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> last;
        do {
            last = send(admin(path).GET());
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return last;
    }

    private static HttpRequest.BodyPublisher body(String text) {
        return HttpRequest.BodyPublishers.ofString(text);
    }

    private HttpRequest.Builder admin(String path) {
        return request(path).header("Authorization", Layout.admin()).header("Content-Type", "text/plain");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(WAIT);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code path} under the application's root. */
    private URI uri(String path) {
        String base = webBase.toExternalForm();
        return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
    }

    /** {@code path} under the server's root, outside the application. */
    protected URI serverUri(String path) throws Exception {
        return webBase.toURI().resolve(path);
    }
}
