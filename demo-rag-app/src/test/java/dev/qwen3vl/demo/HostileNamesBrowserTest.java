package dev.qwen3vl.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwen3vl.demo.testing.DemoApi;
import dev.qwen3vl.demo.testing.DemoTestEnvironment;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * File names carrying HTML and JavaScript, uploaded through the page in headless Chromium (as {@link BrowserTest}
 * sets it up): the refusal of a too-large file shows the name as text, an accepted file's name appears in the job
 * and document lists as text, and no markup or script from a name ever runs.
 */
@QuarkusTest
@WithTestResource(DemoTestEnvironment.class)
class HostileNamesBrowserTest {

    // no quotes (browsers percent-encode them in multipart file names) and no slash (not in a file name)
    private static final String PAYLOAD = "<img src=x onerror=window.pwned=1>";

    @TestHTTPResource("/")
    URL page;

    @TempDir
    Path temp;

    ChromeDriver browser;

    @BeforeEach
    void startBrowser() throws IOException {
        DemoApi.awaitIngestionIdle();
        Path chromium = Path.of(System.getProperty("qwen3vl.test.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("qwen3vl.test.chromedriver", "/usr/bin/chromedriver"));
        assertThat(chromium).as("Chromium (Debian package chromium)").isExecutable();
        assertThat(chromedriver).as("chromedriver (Debian package chromium-driver)").isExecutable();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--user-data-dir=" + Files.createDirectories(temp.resolve("profile")), "--window-size=1400,1000");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void html_in_file_names_is_shown_as_text_and_never_runs() throws IOException {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get(page.toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#documents li[data-sha]")));

        // too large (the test limit is 2 MB): refused with the name as the user sent it
        Path big = temp.resolve(PAYLOAD + "big.txt");
        Files.writeString(big, "tide ".repeat(500_000));
        browser.findElement(By.id("file-input")).sendKeys(big.toAbsolutePath().toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("upload-error"), "limit"));
        assertThat(browser.findElement(By.id("upload-error")).getText()).contains(PAYLOAD + "big.txt");

        // accepted: the name reaches the job and document lists as text
        Path small = temp.resolve(PAYLOAD + "<svg onload=window.pwned=2>notes.txt");
        Files.writeString(small, "Notes on the tide tables, written at " + System.nanoTime() + ".\n");
        browser.findElement(By.id("file-input")).sendKeys(small.toAbsolutePath().toString());
        wait.until(d -> script("return [...document.querySelectorAll(\"#jobs li[data-status='DONE'] .job-name\")]"
                + ".some(e => e.textContent.includes('notes.txt'))"));

        assertThat(script("return window.pwned === undefined")).as("no script from a file name ran").isTrue();
        assertThat(browser.findElements(By.cssSelector("#jobs img, #documents img[src='x'], #upload-error img,"
                + " #jobs svg, #documents svg"))).as("no element from a file name").isEmpty();
        String shown = (String) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#jobs .job-name')].map(e => e.textContent)"
                        + ".find(t => t.includes('notes.txt'))");
        assertThat(shown).doesNotContain("<", ">").endsWith("notes.txt");
    }

    private boolean script(String booleanScript) {
        return Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript(booleanScript));
    }
}
