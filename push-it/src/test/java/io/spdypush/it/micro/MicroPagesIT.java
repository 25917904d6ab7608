package io.spdypush.it.micro;

import io.spdypush.client.PushClient;
import io.spdypush.client.PushListener;
import io.spdypush.client.ReceivedMessage;
import io.spdypush.client.SessionClosedException;
import io.spdypush.it.Browser;
import io.spdypush.it.Layout;
import io.spdypush.it.WebhookReceiver;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The management pages in a real browser (headless Chromium), against the Micro pair: a client
 * of the real SDK shows on the sessions page, gets what the send page sends, moves the
 * dashboard's figures and charts, is disconnected from its session's page, and a token minted on
 * the tokens page lets another client in. Each page is saved under target/screenshots.
 */
@ExtendWith(ArquillianExtension.class)
class MicroPagesIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @ArquillianResource
    private URL webBase;

    private ChromeDriver browser;
    private WebDriverWait waiting;

    @Deployment(testable = false)
    static WebArchive microWar() {
        return Layout.pushWar();
    }

    @BeforeEach
    void startBrowser() throws Exception {
        Browser.assumeInstalled();
        browser = Browser.start("pages");
        waiting = new WebDriverWait(browser, WAIT);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anAdminWatchesSendsToDisconnectsAndMintsForARealClient() throws Exception {
        String clientId = "it-pages-" + UUID.randomUUID();
        String topic = "it-pages-topic-" + UUID.randomUUID();
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        CompletableFuture<SessionClosedException> disconnected = new CompletableFuture<>();
        // PINGs after a second of quiet, so that its last heartbeat shows on the pages.
        PushClient.Builder pinging = Layout.clientWithToken(clientId).topics(topic).heartbeat(Duration.ofSeconds(1));
        try (PushClient client = pinging.listener(new PushListener() {
            @Override
            public void onMessage(ReceivedMessage message) {
                received.add(message);
            }

            @Override
            public void onDisconnected(SessionClosedException reason) {
                disconnected.complete(reason);
            }
        }).build()) {
            client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);

            logIn();
            long acknowledgedBefore = number(browser.findElement(By.id("acknowledged")));

            findSession(clientId);
            WebElement row = rowWithHeartbeat(clientId);
            assertThat("its push stream", row.findElement(By.className("open-streams")).getText(), is("1"));
            Browser.screenshot(browser, "sessions");
            browser.findElement(By.id("nav-topics")).click();
            search(topic);
            assertThat(browser.findElement(By.id("topics")).getText(), containsString(topic + " 1"));
            Browser.screenshot(browser, "topics");

            String messageId = sendFromTheSendPage(clientId, "hello from the send page");
            ReceivedMessage message = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat("the client got the page's message", message, notNullValue());
            assertThat(message.text(), is("hello from the send page"));
            assertThat(message.id(), is(messageId));

            browser.findElement(By.id("nav-dashboard")).click();
            waiting.withMessage(this::dashboardState)
                    .until(driver -> number(driver.findElement(By.id("acknowledged"))) > acknowledgedBefore);
            waiting.withMessage(this::dashboardState)
                    .until(driver -> Integer.parseInt(attribute(driver, "chart-rates", "data-points")) >= 2);
            waiting.withMessage(this::dashboardState)
                    .until(driver -> !driver.findElement(By.id("recent-p99")).getText().equals("–"));
            assertThat(browser.findElement(By.id("dashboard")).getAttribute("data-error"), is((String) null));
            assertThat(number(browser.findElement(By.id("sessions-online"))), greaterThan(0L));
            Browser.screenshot(browser, "dashboard");

            findSession(clientId);
            browser.findElement(By.linkText(clientId)).click();
            waiting.until(ExpectedConditions.textToBe(By.id("client-id"), clientId));
            assertThat(browser.findElement(By.id("latest-messages")).getText(), containsString(messageId));
            assertThat(browser.findElement(By.id("last-heartbeat")).getText(), not(is("none yet")));
            assertThat(browser.findElement(By.id("open-streams")).getText(), is("1"));
            Browser.screenshot(browser, "session");
            browser.findElement(By.id("disconnect-form:disconnect")).click();
            assertThat("the client is told to go away", disconnected.get(WAIT.toSeconds(), TimeUnit.SECONDS),
                    notNullValue());
            waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Disconnected"));
            assertThat(browser.findElements(By.id("client-id")).isEmpty(), is(true));
            Browser.screenshot(browser, "session-disconnected");
        }

        String mintedFor = "it-pages-minted-" + UUID.randomUUID();
        String token = mintOnTheTokensPage(mintedFor);
        try (PushClient minted = PushClient.builder().server("127.0.0.1", Layout.spdyPort()).clientId(mintedFor)
                .token(token).listener(message -> { }).build()) {
            minted.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            findSession(mintedFor);
        }

        browser.findElement(By.id("nav-resources")).click();
        search("demo/");
        WebElement demoPage = waiting.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//table[@id='resources']//tr[td[@class='path' and text()='/demo/index.html']]")));
        assertThat("the demo page's bundle", demoPage.findElement(By.className("pushed")).getText(),
                is("/demo/style.css, /demo/theme.css, /demo/app.js, /demo/logo.png"));
        assertThat(browser.findElement(By.id("resources")).getText(), not(containsString("/hello.html")));
        Browser.screenshot(browser, "resources");
        search("/hello");
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("resources"),
                "/hello.html static file text/html"));

        for (String page : new String[]{"stored", "config"}) {
            browser.findElement(By.id("nav-" + page)).click();
            waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
            Browser.screenshot(browser, page);
        }
        String config = browser.findElement(By.id("config")).getText();
        assertThat(config, containsString("spdypush.admin.passwordHash"));
        assertThat("the admin's hash is masked", config, not(containsString("PBKDF2")));
        String adapter = browser.findElement(By.id("adapter-settings")).getText();
        assertThat("set by the post-boot command file", adapter,
                containsString("spdyPort " + Layout.spdyPort() + " resource adapter config property"));
        assertThat(adapter, containsString("heartbeatServerSeconds 90 default"));
        assertThat(adapter, containsString("tokenSecret •••••• (set, hidden)"));
        assertThat("the token secret is masked", adapter, not(containsString(System.getProperty("it.tokenSecret"))));
    }

    @ParameterizedTest
    @CsvSource({"send.xhtml, send:send-button", "tokens.xhtml, mint:mint-button",
            "webhooks.xhtml, register:register-button"})
    void aPageThatChangesThingsOpenedByAUrlFromElsewhereIsOpenedAfreshWithANotice(String page, String button)
            throws Exception {
        logIn();
        browser.get(webBase.toURI().resolve(page).toString());

        waiting.until(ExpectedConditions.presenceOfElementLocated(By.id(button)));
        assertThat(browser.findElement(By.id("messages")).getText(), containsString("Opened afresh"));
        assertThat("opened with the token of the admin's session", browser.getCurrentUrl(),
                containsString("jakarta.faces.Token="));
    }

    @Test
    void anAdminRegistersAWebhookThatIsToldOfSessionsAndRemovesIt() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0, "/page-hook", call -> 200)) {
            logIn();
            browser.findElement(By.id("nav-webhooks")).click();
            waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("register:register-button")));
            browser.findElement(By.id("register:url")).sendKeys(receiver.url().toString());
            browser.findElement(By.id("register:register-button")).click();
            String secret = waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("secret-shown")))
                    .getText().strip();
            receiver.secret(secret);
            Browser.screenshot(browser, "webhooks");
            WebElement row = browser.findElement(By.xpath("//tr[td/span[@class='webhook-url' and text()='"
                    + receiver.url() + "']]"));
            assertThat(row.getText(), containsString("all"));

            String clientId = "it-page-webhook-" + UUID.randomUUID();
            try (PushClient client = Layout.clientWithToken(clientId).listener(message -> { }).build()) {
                client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                receiver.await(WebhookReceiver.of("session.opened", clientId), 1, WAIT);
            }
            browser.findElement(By.id("nav-webhooks")).click();
            waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("register:register-button")));
            WebElement refreshed = browser.findElement(By.xpath("//tr[td/span[@class='webhook-url' and text()='"
                    + receiver.url() + "']]"));
            assertThat(Integer.parseInt(refreshed.findElement(By.className("delivered")).getText()),
                    greaterThanOrEqualTo(1));
            refreshed.findElement(By.className("remove")).click();
            waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "removed"));
            assertThat(browser.findElements(By.xpath("//span[@class='webhook-url' and text()='" + receiver.url()
                    + "']")), is(empty()));
        }
    }

    private void logIn() throws Exception {
        Browser.logIn(browser, waiting, webBase.toURI());
    }

    private void findSession(String clientId) {
        browser.findElement(By.id("nav-sessions")).click();
        search(clientId);
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.linkText(clientId)));
    }

    /** The client's row on the sessions page once it shows a heartbeat, reloading the page until then. */
    private WebElement rowWithHeartbeat(String clientId) {
        return waiting.ignoring(StaleElementReferenceException.class).until(driver -> {
            WebElement row = driver.findElement(By.xpath("//table[@id='sessions']//tr[td/a[text()='" + clientId + "']]"));
            if (!row.findElement(By.className("last-heartbeat")).getText().equals("none yet")) {
                return row;
            }
            driver.navigate().refresh();
            return null;
        });
    }

    /** Types into the search box of the sessions, topics or resources page and searches. */
    private void search(String prefix) {
        WebElement search = waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("search")));
        search.clear();
        search.sendKeys(prefix);
        browser.findElement(By.id("search-button")).click();
        waiting.until(ExpectedConditions.urlContains("search="));
    }

    private String sendFromTheSendPage(String clientId, String text) throws Exception {
        browser.findElement(By.id("nav-send")).click();
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("send:send-button")));
        new Select(browser.findElement(By.id("send:audience"))).selectByValue("CLIENT");
        browser.findElement(By.id("send:recipients")).sendKeys(clientId);
        browser.findElement(By.id("send:payload")).sendKeys(text);
        browser.findElement(By.id("send:ttl")).sendKeys("300");
        new Select(browser.findElement(By.id("send:priority"))).selectByValue("HIGH");
        browser.findElement(By.id("send:send-button")).click();
        WebElement deliveries = waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("deliveries")));
        assertThat(deliveries.getText(), containsString("ACCEPTED"));
        Browser.screenshot(browser, "send");
        String heading = browser.findElement(By.xpath("//h2[starts-with(., 'Message ')]")).getText();
        return heading.substring("Message ".length()).strip();
    }

    private String mintOnTheTokensPage(String clientId) throws Exception {
        browser.findElement(By.id("nav-tokens")).click();
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("mint:mint-button")));
        browser.findElement(By.id("mint:client-id")).sendKeys(clientId);
        WebElement ttl = browser.findElement(By.id("mint:ttl"));
        ttl.clear();
        ttl.sendKeys("300");
        browser.findElement(By.id("mint:mint-button")).click();
        String token = waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("token"))).getText().strip();
        Browser.screenshot(browser, "tokens");
        return token;
    }

    /** What the dashboard's script last did, for a failure's message. */
    private String dashboardState() {
        WebElement dashboard = browser.findElement(By.id("dashboard"));
        return "dashboard samples=" + dashboard.getAttribute("data-samples") + " error="
                + dashboard.getAttribute("data-error") + " acknowledged="
                + browser.findElement(By.id("acknowledged")).getText();
    }

    private static long number(WebElement element) {
        return Long.parseLong(element.getText().strip());
    }

    private static String attribute(WebDriver driver, String id, String name) {
        String value = driver.findElement(By.id(id)).getAttribute(name);
        return value == null ? "0" : value;
    }
}
