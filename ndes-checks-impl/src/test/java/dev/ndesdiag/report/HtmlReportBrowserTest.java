package dev.ndesdiag.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.fixtures.HostileBundle;
import dev.ndesdiag.fixtures.Reports;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The HTML report in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * which {@code .ci/run} installs), driven by Selenium through the system chromedriver: the page loads
 * with no console error and no network request, every check id is on the page, a hostile bundle's
 * markup stays text, and a screenshot lands in {@code target/html-report/} for people to look at.
 * Skipped, saying so, only on a machine without the browser.
 */
class HtmlReportBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "html-report");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ChromeDriver browser;
    private static ChromeDriverService service;

    @TempDir
    static Path profile;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBrowser() {
        Optional<Path> chromium = executable("chromium", "chromium-browser", "google-chrome");
        Optional<Path> driver = executable("chromedriver");
        assumeTrue(chromium.isPresent() && driver.isPresent(), "No headless browser on this machine (chromium and "
                + "chromedriver not on PATH): the HTML report's browser test is skipped. Install them with "
                + "'apt-get install -y chromium chromium-driver' (.ci/run does).");
        service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
                "--window-size=1200,1600", "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    private static Optional<Path> executable(String... names) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        for (String name : names) {
            for (String folder : path.split(File.pathSeparator)) {
                Path p = Path.of(folder, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Writes the report's page, opens it, and returns what the browser logged. */
    private Loaded open(Report report, String name) throws Exception {
        Path page = dir.resolve(name + ".html");
        Files.writeString(page, Reports.render(new HtmlReportWriter(), report));
        browser.manage().logs().get(LogType.BROWSER); // drop what earlier pages logged
        browser.manage().logs().get(LogType.PERFORMANCE);
        String url = page.toUri().toString();
        browser.get(url);
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        List<String> errors = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
                errors.add(e.getLevel() + " " + e.getMessage());
            }
        }
        List<String> requests = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode m = JSON.readTree(e.getMessage()).path("message");
            if (m.path("method").asText().equals("Network.requestWillBeSent")) {
                String requested = m.path("params").path("request").path("url").asText();
                if (!requested.equals(url)) {
                    requests.add(requested);
                }
            }
        }
        return new Loaded(errors, requests);
    }

    private record Loaded(List<String> consoleErrors, List<String> requests) {
    }

    @Test
    void theSampleReportLoadsWithoutConsoleErrorsOrRequestsAndShowsEveryCheck() throws Exception {
        Report report = Reports.analyze(Reports.SAMPLE);
        Loaded loaded = open(report, "sample");
        assertThat(loaded.consoleErrors()).isEmpty();
        assertThat(loaded.requests()).as("network requests of a self-contained page").isEmpty();
        List<String> shown = browser.findElements(By.cssSelector("article[data-check-id]")).stream()
                .map(a -> a.getAttribute("data-check-id")).toList();
        assertThat(shown).containsExactlyInAnyOrderElementsOf(report.results().stream().map(CheckOutcome::id).toList());
        assertThat(browser.getTitle()).isEqualTo("ndes-diag FAIL: ndes01.corp.contoso.com");
        // the verdict is the first thing after the header; passes and skips start collapsed
        WebElement verdict = browser.findElement(By.cssSelector(".verdict"));
        assertThat(verdict.getText()).startsWith("FAIL");
        assertThat(browser.findElements(By.cssSelector("details[open]"))).isEmpty();
        WebElement firstFailure = browser.findElement(By.cssSelector("article.FAIL"));
        assertThat(firstFailure.isDisplayed()).isTrue();
        assertThat(browser.findElement(By.cssSelector("article.PASS")).isDisplayed()).isFalse();
    }

    @Test
    void aHostileBundleStaysInertTextInTheBrowser() throws Exception {
        Loaded loaded = open(Reports.analyze(HostileBundle.write(dir.resolve("bundle"))), "hostile");
        assertThat(loaded.consoleErrors()).isEmpty();
        assertThat(loaded.requests()).as("an <img src=x> from the bundle would be a request").isEmpty();
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        assertThat(browser.findElements(By.tagName("img"))).isEmpty();
        // the markup is on the page as text (an alert() that ran would make every later command fail)
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains(HostileBundle.SCRIPT + "\"q\" O'Brien &");
        assertThat(browser.findElement(By.cssSelector("#check-root-store-intermediates")).getText())
                .contains("\\<img src\\=x onerror\\=alert(2)\\>").contains("\\u0007bell");
    }
}
