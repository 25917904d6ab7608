package io.spdypush.it;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages, driven
 * by Selenium with both paths given, so that Selenium Manager never looks for (or downloads) a
 * browser or a driver. Tests that need it are skipped where the packages are missing; CI installs
 * them ({@code .ci/install-chromium}).
 */
public final class Browser {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Browser() {
    }

    /** Skips the calling test, saying why, when Chromium or its driver is not installed. */
    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "): apt-get install -y chromium chromium-driver, as .ci/install-chromium does");
    }

    /** A fresh headless Chromium with a profile of its own under target/, quiet towards the internet. */
    public static ChromeDriver start(String profileName) throws IOException {
        Path profile = Path.of(System.getProperty("it.browserProfiles", "target/browser-profiles"), profileName);
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1100",
                "--user-data-dir=" + Files.createTempDirectory(profile, "profile-"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** HTTP Basic with the credentials in the first URL; Chromium then sends them along for the same server. */
    public static void logIn(WebDriver browser, WebDriverWait waiting, URI base) throws Exception {
        URI withCredentials = new URI(base.getScheme(), "admin:" + System.getProperty("it.adminPassword"),
                base.getHost(), base.getPort(), base.getPath(), null, null);
        browser.get(withCredentials.toString());
        waiting.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Dashboard"));
    }

    /** Saves what the browser shows as {@code <it.screenshots>/<name>.png}, for a person to look at. */
    public static void screenshot(WebDriver driver, String name) throws IOException {
        Path directory = Path.of(System.getProperty("it.screenshots", "target/screenshots"));
        Files.createDirectories(directory);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), directory.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
