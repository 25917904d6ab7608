package io.spdypush.it.micro;

import io.spdypush.it.Browser;
import io.spdypush.it.Layout;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

/**
 * The live demo page in real Chromium (docs/PROTOCOL.md §10): the JavaScript client in the page connects to the push
 * port of another origin (CORS, allowedOrigins), shows a message sent through the REST API and acknowledges it, asks
 * for the demo bundle and lists its sub-resources, and after the page is left and opened again resumes with what
 * was sent meanwhile, without showing the first message twice. Screenshots go to target/screenshots.
 */
@ExtendWith(ArquillianExtension.class)
class MicroDemoPageIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @ArquillianResource
    private URL webBase;

    private ChromeDriver browser;
    private WebDriverWait waiting;
    private final HttpClient http = HttpClient.newHttpClient();

    @Deployment(testable = false)
    static WebArchive microWar() {
        return Layout.pushWar();
    }

    @BeforeEach
    void startBrowser() throws Exception {
        Browser.assumeInstalled();
        browser = Browser.start("demo");
        waiting = new WebDriverWait(browser, WAIT);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theDemoPageReceivesAcknowledgesShowsSubresourcesAndResumesAfterAReload() throws Exception {
        // On the loopback address, where the push port listens; the page's origin is one allowedOrigins names.
        Browser.logIn(browser, waiting, new URI("http", null, "127.0.0.1", webBase.getPort(), webBase.getPath(), null,
                null));
        openDemo();
        String clientId = browser.findElement(By.id("demo-client-id")).getText();

        String first = send(clientId, "hello, browser");
        waitForMessages(List.of("hello, browser"));
        waiting.until(driver -> outcome(clientId, first).contains("\"status\":\"DELIVERED\""));

        browser.findElement(By.id("demo-ask")).click();
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.className("demo-subresource")));
        assertThat(browser.findElements(By.className("demo-subresource")).stream().map(WebElement::getText).toList(),
                hasItem("/demo/style.css"));
        assertThat(browser.findElement(By.id("demo-reply")).getText(), containsString("200"));
        Browser.screenshot(browser, "demo");

        browser.findElement(By.id("nav-dashboard")).click();
        waiting.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Dashboard"));
        send(clientId, "while you were away");
        openDemo();
        // Resumed after the last message processed, kept in the browser: the new one, and not the first again.
        waitForMessages(List.of("while you were away"));
        Browser.screenshot(browser, "demo-resumed");
    }

    private void openDemo() {
        browser.findElement(By.id("nav-demo")).click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("demo-status"), "connected"));
    }

    private void waitForMessages(List<String> texts) {
        waiting.until(driver -> driver.findElements(By.cssSelector("#demo-messages tr.demo-message td:nth-child(4)"))
                .stream().map(WebElement::getText).toList().equals(texts));
    }

    /** Sends a text message through the REST API; returns its id. */
    private String send(String clientId, String text) throws Exception {
        HttpResponse<String> sent = http.send(HttpRequest.newBuilder(uri("api/clients/" + clientId + "/messages"))
                .header("Authorization", Layout.admin()).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(text)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.body(), sent.statusCode(), is(202));
        String body = sent.body();
        int start = body.indexOf("\"id\":\"") + 6;
        return body.substring(start, body.indexOf('"', start));
    }

    /** The outcome of a stored message, as the REST API tells it. */
    private String outcome(String clientId, String messageId) {
        try {
            return http.send(HttpRequest.newBuilder(uri("api/clients/" + clientId + "/messages/" + messageId))
                    .header("Authorization", Layout.admin()).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        String base = webBase.toExternalForm();
        return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
    }
}
